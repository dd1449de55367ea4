using Wisp.Client;
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
    private readonly WispClient _alice;
    private readonly WispClient _bob;
    private readonly List<PollEvent> _bobEvents = [];
    private readonly Ed25519KeyPair _bobKeys;

    public MessagingFlowTests()
    {
        _alice = Open("alice", out _);
        _bob = Open("bob", out _bobKeys);
        _bob.Poller.Received += _bobEvents.Add;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in new[] { _alice, _bob })
            await client.DisposeAsync();
        _home.Dispose();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private AccountId Alice => _alice.AccountId;

    private AccountId Bob => _bob.AccountId;

    [Fact]
    public async Task A_message_goes_from_pending_to_sent_and_arrives_as_a_request()
    {
        var queued = _alice.Conversations.Send(Bob, "hello bob", "Alice", out var error);
        Assert.Null(error);
        Assert.Equal(MessageStatus.Pending, queued!.Status);

        Assert.Equal(1, await _alice.OutboxRunner.SendDueAsync(Token));
        Assert.Equal(MessageStatus.Sent, _alice.Outbox.Find(queued.Id)!.Status);

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
    public async Task A_failing_swarm_keeps_the_message_pending_until_its_14_days_are_over_then_fails_it_with_the_reason()
    {
        _swarm.StoreFailure = new SwarmError(SwarmFailure.NoPath, "no onion path can be built");
        var queued = _alice.Conversations.Send(Bob, "are you there?", null, out _)!;
        Assert.Equal(queued.SentAtMs + (long)MessagingLimits.MessageTtl.TotalMilliseconds, queued.DeadlineAtMs);

        await _alice.OutboxRunner.SendDueAsync(Token);
        var pending = _alice.Outbox.Find(queued.Id)!;
        Assert.Equal(DeliveryState.Sending, pending.Delivery);
        Assert.Equal("no onion path can be built", pending.FailureReason);
        Assert.Equal(0, await _alice.OutboxRunner.SendDueAsync(Token)); // not due before its backoff

        // Far more attempts than the old limit of six: still sending, at the capped backoff.
        for (var attempt = 2; attempt <= 20; attempt++)
        {
            _swarm.Now += (long)MessagingLimits.MaxRetryDelay.TotalMilliseconds;
            Assert.Equal(1, await _alice.OutboxRunner.SendDueAsync(Token));
        }
        Assert.Equal(DeliveryState.Sending, _alice.Outbox.Find(queued.Id)!.Delivery);
        Assert.Equal(20, _alice.Outbox.Find(queued.Id)!.Attempts);

        // Its time in the swarm runs out: failed, with why and the last error.
        _swarm.Now = queued.DeadlineAtMs!.Value;
        await _alice.OutboxRunner.SendDueAsync(Token);
        var failed = _alice.Outbox.Find(queued.Id)!;
        Assert.Equal(DeliveryState.Failed, failed.Delivery);
        Assert.Equal("its 14 days in the swarm ran out before any node could store it (last error: no onion path can be built)", failed.FailureReason);
        Assert.Equal([queued.Id], _alice.Outbox.List().Select(m => m.Id));
        Assert.Equal(0, _swarm.Count(Bob));

        // The way out: retry puts it back with 14 new days, and it goes.
        _swarm.StoreFailure = null;
        Assert.True(_alice.Outbox.Retry(queued.Id, out _));
        Assert.Equal(_swarm.Now + (long)MessagingLimits.MessageTtl.TotalMilliseconds, _alice.Outbox.Find(queued.Id)!.DeadlineAtMs);
        await _alice.OutboxRunner.SendDueAsync(Token);
        Assert.Equal(DeliveryState.Sent, _alice.Outbox.Find(queued.Id)!.Delivery);
        Assert.Empty(_alice.Outbox.List());
        Assert.False(_alice.Outbox.Retry(queued.Id, out var error));
        Assert.Contains("sent already", error);
    }

    [Fact]
    public async Task A_disappearing_message_is_retried_only_until_it_disappears()
    {
        _swarm.StoreFailure = new SwarmError(SwarmFailure.PathsFailed, "every path failed");
        _alice.Conversations.SetDisappearing(Bob, TimeSpan.FromMinutes(1), out _);
        var queued = _alice.Conversations.Send(Bob, "brief", null, out _)!;
        Assert.Equal(queued.ExpiresAtMs, queued.DeadlineAtMs);

        await _alice.OutboxRunner.SendDueAsync(Token);
        _swarm.Now += 60_000;
        await _alice.OutboxRunner.SendDueAsync(Token);

        var failed = _alice.Outbox.Find(queued.Id)!;
        Assert.Equal(DeliveryState.Failed, failed.Delivery);
        Assert.StartsWith("it disappeared before any node could store it", failed.FailureReason);
    }

    [Fact]
    public async Task A_refused_request_fails_at_once()
    {
        _swarm.StoreFailure = new SwarmError(SwarmFailure.RequestRefused, "a relay refused the request itself: 413");
        var queued = _alice.Conversations.Send(Bob, "x", null, out _)!;

        await _alice.OutboxRunner.SendDueAsync(Token);

        Assert.Equal(MessageStatus.Failed, _alice.Outbox.Find(queued.Id)!.Status);
        Assert.Equal("the network refused it: a relay refused the request itself: 413", _alice.Outbox.Find(queued.Id)!.FailureReason);
    }

    [Fact]
    public async Task Nothing_is_processed_twice_across_restarts_and_repeated_stores()
    {
        var queued = _alice.Conversations.Send(Bob, "once", null, out _)!;
        await _alice.OutboxRunner.SendDueAsync(Token);
        var payload = _swarm.Count(Bob);
        await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);

        // A fresh poller (a restart) over the same database takes nothing again, even from a node it must read from the start.
        var restarted = new Poller(_bob.Data, _swarm, _bobKeys, new NetworkHealth(), TimeProvider.System);
        var events = new List<PollEvent>();
        restarted.Received += events.Add;
        Assert.Equal(0, (await restarted.PollOnceAsync(TimeSpan.Zero, Token)).Taken);
        _bob.Data.PollState.SetLastHash(_swarm.Node.Ed25519.ToHex(), 0, new string('A', 43)); // a node that forgot where we were
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
            _alice.Conversations.Send(Bob, $"m{i}", null, out _);
        await _alice.OutboxRunner.SendDueAsync(Token);

        Assert.Equal(5, (await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token)).Taken);
        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], _bob.Conversations.History(Alice).Select(m => m.Body).Order());
    }

    [Fact]
    public async Task Read_receipts_reach_the_sender_only_from_an_accepted_conversation()
    {
        var queued = _alice.Conversations.Send(Bob, "read me", null, out _)!;
        await _alice.OutboxRunner.SendDueAsync(Token);
        await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);

        Assert.Equal(1, await _bob.Conversations.MarkReadAsync(Alice, Token)); // a request: no receipt goes back
        Assert.Equal(0, _swarm.Count(Alice));

        _bob.Conversations.Send(Alice, "hi alice", null, out _); // replying accepts
        await _bob.OutboxRunner.SendDueAsync(Token);
        _swarm.Now += 1_000; // receipts name messages by their sent time
        _alice.Conversations.Send(Bob, "again", null, out _);
        await _alice.OutboxRunner.SendDueAsync(Token);
        await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        Assert.Equal(1, await _bob.Conversations.MarkReadAsync(Alice, Token));

        var events = new List<PollEvent>();
        _alice.Poller.Received += events.Add;
        await _alice.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        Assert.Contains(events, e => e is PollEvent.ReadReceipt { Marked: 1 });
        Assert.NotNull(_alice.Conversations.History(Bob).Single(m => m.Body == "again").ReadAtMs);
        Assert.Null(_alice.Outbox.Find(queued.Id)!.ReadAtMs);
    }

    [Fact]
    public async Task Typing_indicators_follow_the_settings()
    {
        _bob.Conversations.Accept(Alice);
        _alice.Conversations.Accept(Bob);

        Assert.True(await _alice.Conversations.SendTypingAsync(Bob, started: true, Token));
        await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        Assert.Contains(_bobEvents, e => e is PollEvent.Typing { Started: true });

        _alice.Conversations.Configure(Bob, readReceipts: null, typingIndicators: false);
        Assert.False(await _alice.Conversations.SendTypingAsync(Bob, started: true, Token));
    }

    [Fact]
    public async Task Disappearing_messages_are_deleted_locally_and_from_the_swarm()
    {
        _alice.Conversations.SetDisappearing(Bob, TimeSpan.FromMinutes(1), out _);
        _alice.Conversations.Send(Bob, "gone in a minute", null, out _);
        await _alice.OutboxRunner.SendDueAsync(Token);
        await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);

        Assert.Equal(TimeSpan.FromMinutes(1), _bob.Conversations.Find(Alice)!.Settings.DisappearAfter);
        var text = _bob.Conversations.History(Alice).Single(m => m.Kind == MessageKind.Text);
        Assert.Equal(text.SentAtMs + 60_000, text.ExpiresAtMs);

        _swarm.Now += 60_000;
        _bob.ExpireDue(_swarm.Now); // the local timer, on time, with no fetch
        Assert.DoesNotContain(_bob.Conversations.History(Alice), m => m.Kind == MessageKind.Text);
        await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token); // the next poll deletes the swarm's copy

        Assert.DoesNotContain(_bob.Conversations.History(Alice), m => m.Kind == MessageKind.Text);
        Assert.Contains(text.ServerHash!, _swarm.Deleted);
        Assert.Empty(_bob.Data.Disappearing.PendingSwarmDeletes(10));
    }

    [Fact]
    public async Task Messages_from_a_blocked_sender_are_dropped_and_blocked_peers_cannot_be_written_to()
    {
        _bob.Conversations.Block(Alice);
        _alice.Conversations.Send(Bob, "let me in", null, out _);
        await _alice.OutboxRunner.SendDueAsync(Token);

        await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);

        Assert.IsType<PollEvent.Dropped>(Assert.Single(_bobEvents));
        Assert.Empty(_bob.Conversations.History(Alice));
        Assert.Null(_bob.Conversations.Send(Alice, "no", null, out var error));
        Assert.Contains("blocked", error);
    }

    private WispClient Open(string name, out Ed25519KeyPair keys)
    {
        var created = AccountVault.Create(_home.Home, ProfileName.Parse(name), passphrase: null);
        Assert.True(created.TryGet(out var account, out var problem), problem?.Message);
        keys = account.Account.Keys;
        var client = WispClient.Over(account.Account, TimeProvider.System);
        client.Connect(_swarm);
        return client;
    }
}
