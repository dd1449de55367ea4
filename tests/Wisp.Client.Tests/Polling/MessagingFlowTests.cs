using Wisp.Client.Account;
using Wisp.Client.Conversations;
using Wisp.Client.Messaging;
using Wisp.Client.Polling;
using Wisp.Client.Swarm;
using Wisp.Client.Tests.Support;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Content;

namespace Wisp.Client.Tests.Polling;

/// <summary>The outbox and the poller over a swarm in memory: statuses, retries, dedupe, drops, receipts, timers.</summary>
public sealed class MessagingFlowTests : IAsyncDisposable
{
    private const long Start = 1_750_000_000_000;
    private readonly TempHome _home = new();
    private readonly InMemorySwarm _swarm = new(Start);
    private readonly MessagingService _alice;
    private readonly MessagingService _bob;
    private readonly List<PollEvent> _bobEvents = [];

    public MessagingFlowTests()
    {
        _alice = Open("alice");
        _bob = Open("bob");
        _bob.Poller.Received += _bobEvents.Add;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in new[] { _alice, _bob })
        {
            await service.DisposeAsync();
            service.Account.Dispose();
        }
        _home.Dispose();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private AccountId Alice => _alice.Account.AccountId;

    private AccountId Bob => _bob.Account.AccountId;

    [Fact]
    public async Task A_message_goes_from_pending_to_sent_and_arrives_as_a_request()
    {
        var queued = _alice.Sender.Queue(Bob, "hello bob", "Alice", out var error);
        Assert.Null(error);
        Assert.Equal(MessageStatus.Pending, queued!.Status);

        Assert.Equal(1, await _alice.Sender.SendDueAsync(Token));
        Assert.Equal(MessageStatus.Sent, _alice.Conversations.FindMessage(queued.Id)!.Status);

        var (taken, _) = await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        Assert.Equal(1, taken);
        var arrived = Assert.IsType<PollEvent.MessageArrived>(Assert.Single(_bobEvents));
        Assert.True(arrived.IsRequest);
        Assert.Equal(Alice, arrived.Message.Sender);
        Assert.Equal("hello bob", arrived.Message.Body);
        Assert.Equal(queued.SentAtMs, arrived.Message.SentAtMs);
        Assert.Equal(ConversationState.Request, _bob.Conversations.Find(Alice)!.State);
    }

    [Fact]
    public async Task A_failing_swarm_keeps_the_message_pending_with_its_reason_then_fails_it()
    {
        _swarm.StoreFailure = new SwarmError(SwarmFailure.NoPath, "no onion path can be built");
        var queued = _alice.Sender.Queue(Bob, "are you there?", null, out _)!;

        await _alice.Sender.SendDueAsync(Token);
        var pending = _alice.Conversations.FindMessage(queued.Id)!;
        Assert.Equal(MessageStatus.Pending, pending.Status);
        Assert.Equal("no onion path can be built", pending.FailureReason);
        Assert.Equal(0, await _alice.Sender.SendDueAsync(Token)); // not due before its backoff

        for (var attempt = 2; attempt <= MessagingLimits.MaxSendAttempts; attempt++)
        {
            _swarm.Now += (long)MessagingLimits.MaxRetryDelay.TotalMilliseconds;
            Assert.Equal(1, await _alice.Sender.SendDueAsync(Token));
        }

        var failed = _alice.Conversations.FindMessage(queued.Id)!;
        Assert.Equal(MessageStatus.Failed, failed.Status);
        Assert.Equal($"gave up after {MessagingLimits.MaxSendAttempts} attempts: no onion path can be built", failed.FailureReason);
        Assert.Equal(0, _swarm.Count(Bob));

        _swarm.StoreFailure = null;
        Assert.True(_alice.Conversations.Retry(queued.Id, _swarm.Now));
        await _alice.Sender.SendDueAsync(Token);
        Assert.Equal(MessageStatus.Sent, _alice.Conversations.FindMessage(queued.Id)!.Status);
    }

    [Fact]
    public async Task A_refused_request_fails_at_once()
    {
        _swarm.StoreFailure = new SwarmError(SwarmFailure.RequestRefused, "a relay refused the request itself: 413");
        var queued = _alice.Sender.Queue(Bob, "x", null, out _)!;

        await _alice.Sender.SendDueAsync(Token);

        Assert.Equal(MessageStatus.Failed, _alice.Conversations.FindMessage(queued.Id)!.Status);
    }

    [Fact]
    public async Task Nothing_is_processed_twice_across_restarts_and_repeated_stores()
    {
        var queued = _alice.Sender.Queue(Bob, "once", null, out _)!;
        await _alice.Sender.SendDueAsync(Token);
        var payload = _swarm.Count(Bob);
        await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);

        // A fresh poller (a restart) over the same database takes nothing again, even from a node it must read from the start.
        var restarted = new Poller(_bob.Conversations, _swarm, _bob.Account.Keys, TimeProvider.System);
        var events = new List<PollEvent>();
        restarted.Received += events.Add;
        Assert.Equal(0, (await restarted.PollOnceAsync(TimeSpan.Zero, Token)).Taken);
        _bob.Conversations.SetLastHash(_swarm.Node.Ed25519.ToHex(), 0, new string('A', 43)); // a node that forgot where we were
        Assert.Equal(0, (await restarted.PollOnceAsync(TimeSpan.Zero, Token)).Taken);

        Assert.Empty(events);
        Assert.Equal(1, payload);
        Assert.Equal(["once"], _bob.Conversations.History(Alice).Select(m => m.Body));
        Assert.Equal(queued.ServerHash, _bob.Conversations.History(Alice)[0].ServerHash);
    }

    [Fact]
    public async Task Forged_and_malformed_messages_are_dropped_with_their_reason()
    {
        using var mallory = Ed25519KeyPair.Generate();
        // Sealed for someone else, then placed in Bob's swarm.
        var notForBob = MessageComposer.Compose(mallory, mallory.AccountId, MessageContent.Text("hi", 1, null, null), 1).Stored!;
        _swarm.Place(Bob, notForBob);
        _swarm.Place(Bob, [1, 2, 3]);
        _swarm.Place(Bob, DirectMessageWrapping.Wrap(new byte[200], 1));

        await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);

        var drops = _bobEvents.OfType<PollEvent.Dropped>().Select(d => d.Failure).ToList();
        Assert.Equal([MessageFailure.DecryptFailed, MessageFailure.NotAnEnvelope, MessageFailure.DecryptFailed], drops);
        Assert.All(_bobEvents.OfType<PollEvent.Dropped>(), d => Assert.False(string.IsNullOrWhiteSpace(d.Reason)));
        Assert.Empty(_bob.Conversations.List());
    }

    [Fact]
    public async Task Pages_are_followed_until_the_node_has_no_more()
    {
        _swarm.PageSize = 2;
        for (var i = 0; i < 5; i++)
            _alice.Sender.Queue(Bob, $"m{i}", null, out _);
        await _alice.Sender.SendDueAsync(Token);

        Assert.Equal(5, (await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token)).Taken);
        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], _bob.Conversations.History(Alice).Select(m => m.Body).Order());
    }

    [Fact]
    public async Task Read_receipts_reach_the_sender_only_from_an_accepted_conversation()
    {
        var queued = _alice.Sender.Queue(Bob, "read me", null, out _)!;
        await _alice.Sender.SendDueAsync(Token);
        await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);

        Assert.Equal(1, await _bob.MarkReadAsync(Alice, Token)); // a request: no receipt goes back
        Assert.Equal(0, _swarm.Count(Alice));

        _bob.Sender.Queue(Alice, "hi alice", null, out _); // replying accepts
        await _bob.Sender.SendDueAsync(Token);
        _swarm.Now += 1_000; // receipts name messages by their sent time
        _alice.Sender.Queue(Bob, "again", null, out _);
        await _alice.Sender.SendDueAsync(Token);
        await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        Assert.Equal(1, await _bob.MarkReadAsync(Alice, Token));

        var events = new List<PollEvent>();
        _alice.Poller.Received += events.Add;
        await _alice.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        Assert.Contains(events, e => e is PollEvent.ReadReceipt { Marked: 1 });
        Assert.NotNull(_alice.Conversations.History(Bob).Single(m => m.Body == "again").ReadAtMs);
        Assert.Null(_alice.Conversations.FindMessage(queued.Id)!.ReadAtMs);
    }

    [Fact]
    public async Task Typing_indicators_follow_the_settings()
    {
        _bob.Conversations.SetState(Alice, ConversationState.Accepted, Start);
        _alice.Conversations.SetState(Bob, ConversationState.Accepted, Start);

        Assert.True(await _alice.SendTypingAsync(Bob, started: true, Token));
        await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        Assert.Contains(_bobEvents, e => e is PollEvent.Typing { Started: true });

        _alice.Conversations.SetSettings(Bob, ConversationSettings.Default with { TypingIndicators = false }, Start);
        Assert.False(await _alice.SendTypingAsync(Bob, started: true, Token));
    }

    [Fact]
    public async Task Disappearing_messages_are_deleted_locally_and_from_the_swarm()
    {
        _alice.Sender.SetDisappearing(Bob, TimeSpan.FromMinutes(1), out _);
        _alice.Sender.Queue(Bob, "gone in a minute", null, out _);
        await _alice.Sender.SendDueAsync(Token);
        await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);

        Assert.Equal(TimeSpan.FromMinutes(1), _bob.Conversations.Find(Alice)!.Settings.DisappearAfter);
        var text = _bob.Conversations.History(Alice).Single(m => m.Kind == MessageKind.Text);
        Assert.Equal(text.SentAtMs + 60_000, text.ExpiresAtMs);

        _swarm.Now += 60_000;
        await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);

        Assert.DoesNotContain(_bob.Conversations.History(Alice), m => m.Kind == MessageKind.Text);
        Assert.Contains(text.ServerHash!, _swarm.Deleted);
        Assert.Empty(_bob.Conversations.PendingSwarmDeletes(10));
    }

    [Fact]
    public async Task Messages_from_a_blocked_sender_are_dropped_and_blocked_peers_cannot_be_written_to()
    {
        _bob.Conversations.SetState(Alice, ConversationState.Blocked, Start);
        _alice.Sender.Queue(Bob, "let me in", null, out _);
        await _alice.Sender.SendDueAsync(Token);

        await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);

        Assert.IsType<PollEvent.Dropped>(Assert.Single(_bobEvents));
        Assert.Empty(_bob.Conversations.History(Alice));
        Assert.Null(_bob.Sender.Queue(Alice, "no", null, out var error));
        Assert.Contains("blocked", error);
    }

    private MessagingService Open(string name)
    {
        var created = AccountVault.Create(_home.Home, ProfileName.Parse(name), passphrase: null);
        Assert.True(created.TryGet(out var account, out var problem), problem?.Message);
        return new MessagingService(account.Account, _swarm, TimeProvider.System);
    }
}
