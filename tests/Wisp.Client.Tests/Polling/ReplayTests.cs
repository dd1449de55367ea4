using Wisp.Client;
using Wisp.Client.Account;
using Wisp.Client.Conversations;
using Wisp.Client.Messaging;
using Wisp.Client.Polling;
using Wisp.Client.Tests.Support;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Content;

namespace Wisp.Client.Tests.Polling;

/// <summary>
/// A message is shown once however it comes back: stored again under another storage hash (re-wrapped with another
/// envelope timestamp, or sealed again), or replayed after the swarm's copy and its hash have long expired.
/// </summary>
public sealed class ReplayTests : IAsyncDisposable
{
    private const long Start = 1_750_000_000_000;
    private static readonly long Day = (long)TimeSpan.FromDays(1).TotalMilliseconds;
    private readonly TempHome _home = new();
    private readonly InMemorySwarm _swarm = new(Start);
    private readonly WispClient _bob;
    private readonly List<PollEvent> _bobEvents = [];
    private readonly Ed25519KeyPair _alice = Ed25519KeyPair.Generate();

    public ReplayTests()
    {
        var created = AccountVault.Create(_home.Home, ProfileName.Parse("bob"), passphrase: null);
        Assert.True(created.TryGet(out var account, out var problem), problem?.Message);
        _bob = WispClient.Over(account.Account, TimeProvider.System);
        _bob.Connect(_swarm);
        _bob.Poller.Received += _bobEvents.Add;
    }

    public async ValueTask DisposeAsync()
    {
        await _bob.DisposeAsync();
        _alice.Dispose();
        _home.Dispose();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private AccountId Bob => _bob.AccountId;

    [Fact]
    public async Task The_same_signed_content_stored_under_other_hashes_shows_once()
    {
        var content = MessageContent.Text("only once", (ulong)Start, null, null);
        var first = Compose(content, Start);
        // Sealed again (a fresh ephemeral key: other bytes), and the first re-wrapped with another, unsigned, envelope time.
        var resealed = Compose(content, Start);
        var rewrapped = Rewrap(first, Start + 5_000);
        var hashes = new[] { _swarm.Place(Bob, first), _swarm.Place(Bob, resealed), _swarm.Place(Bob, rewrapped) };
        Assert.Equal(3, hashes.Distinct().Count());

        var (taken, _) = await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);

        Assert.Equal(1, taken);
        Assert.Single(_bobEvents.OfType<PollEvent.MessageArrived>());
        Assert.Equal(["only once"], _bob.Conversations.History(_alice.AccountId).Select(m => m.Body));
    }

    [Fact]
    public async Task A_replay_after_the_swarm_copy_and_its_hash_expired_is_not_shown_again()
    {
        var content = MessageContent.Text("old news", (ulong)Start, null, null);
        var stored = Compose(content, Start);
        _swarm.Place(Bob, stored);
        await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);

        // Thirty days on, the poller has forgotten the storage hash (its swarm copy expired); someone stores it again.
        _swarm.Now = Start + 30 * Day;
        await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        _swarm.Place(Bob, Rewrap(stored, (ulong)_swarm.Now));
        var (taken, _) = await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);

        Assert.Equal(0, taken);
        Assert.Single(_bobEvents.OfType<PollEvent.MessageArrived>());
        Assert.Single(_bob.Conversations.History(_alice.AccountId));
    }

    [Fact]
    public async Task A_message_signed_before_the_dedupe_memory_began_is_dropped_as_a_replay()
    {
        var signedAt = Start - (long)MessagingLimits.DedupeMemory.TotalMilliseconds - Day;
        _swarm.Place(Bob, Compose(MessageContent.Text("from last year", (ulong)signedAt, null, null), Start));

        await _bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);

        var dropped = Assert.IsType<PollEvent.Dropped>(Assert.Single(_bobEvents));
        Assert.Contains("replay", dropped.Reason, StringComparison.Ordinal);
        Assert.Empty(_bob.Conversations.History(_alice.AccountId));
    }

    [Fact]
    public void The_dedupe_memory_forgets_digests_once_their_time_is_over()
    {
        var delivered = _bob.Data.Delivered;
        byte[] content = [1, 2, 3];
        Assert.Equal(DeliveryVerdict.New, delivered.Admit(_alice.AccountId, content, Start, Start));
        Assert.Equal(DeliveryVerdict.Seen, delivered.Admit(_alice.AccountId, content, Start, Start + Day));
        // Another sender signing the same bytes is another message.
        Assert.Equal(DeliveryVerdict.New, delivered.Admit(Bob, content, Start, Start));
        Assert.Equal(2, delivered.Count());

        delivered.ForgetExpired(Start + (long)MessagingLimits.DedupeMemory.TotalMilliseconds + 1);
        Assert.Equal(0, delivered.Count());
    }

    private byte[] Compose(Content content, long envelopeMs) =>
        MessageComposer.Compose(_alice, Bob, content, (ulong)envelopeMs).Stored!;

    private static byte[] Rewrap(byte[] stored, ulong envelopeMs)
    {
        var unwrapped = DirectMessageWrapping.Unwrap(stored);
        Assert.True(unwrapped.Ok);
        return DirectMessageWrapping.Wrap(unwrapped.Envelope!.Content.Span, envelopeMs);
    }
}
