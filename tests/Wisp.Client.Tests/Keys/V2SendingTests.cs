using Wisp.Client.Account;
using Wisp.Client.Conversations;
using Wisp.Client.Keys;
using Wisp.Client.Tests.Polling;
using Wisp.Client.Tests.Support;
using Wisp.Crypto.Keys;
using Wisp.Protocol.V2;

namespace Wisp.Client.Tests.Keys;

/// <summary>
/// Sending and receiving under protocol v2 over a swarm in memory: a contact whose keys are cached gets v2 (00 02 on
/// the wire) and both rows say "v2"; a contact known to have none (a NAK) gets v1, flagged on both sides; the cache's
/// freshness states decide which bundle is usable.
/// </summary>
public sealed class V2SendingTests : IAsyncDisposable
{
    private const long Start = 1_750_000_000_000;
    private readonly TempHome _home = new();
    private readonly InMemorySwarm _swarm = new(Start);
    private readonly List<WispClient> _clients = [];
    private readonly Dictionary<string, Ed25519KeyPair> _keys = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
        _home.Dispose();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_contact_with_cached_keys_gets_v2_and_both_sides_record_it_as_forward_secret()
    {
        var alice = Create("alice");
        var bob = Create("bob");
        CacheBundleOf(bob, "bob", at: Start, into: alice);

        var queued = alice.Conversations.Send(bob.AccountId, "hello in v2", null, out _)!;
        Assert.Equal(MessageSealing.V2, queued.Sealing);
        var payload = alice.Data.Outbox.Due(_swarm.Now, 10).Single().Payload;
        Assert.Equal([0x00, 0x02], payload[..2]);
        Assert.Equal(0, (payload.Length - DirectMessageV2.MinimumBytes) % 256);

        await alice.OutboxRunner.SendDueAsync(Token);
        await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        var arrived = Assert.Single(bob.Conversations.History(alice.AccountId));
        Assert.Equal(("hello in v2", MessageSealing.V2, false), (arrived.Body, arrived.Sealing, arrived.NotForwardSecret));
        Assert.Equal(MessageSealing.V2, alice.Conversations.History(bob.AccountId).Single().Sealing);
    }

    [Fact]
    public async Task A_contact_known_to_have_no_keys_gets_v1_flagged_not_forward_secret_on_both_sides()
    {
        var alice = Create("alice");
        var bob = Create("bob");
        alice.Data.Local.Execute("INSERT INTO contact_keys (account_id, nak_at) VALUES ($id, $at)", ("$id", bob.AccountId.Hex), ("$at", Start));

        var queued = alice.Conversations.Send(bob.AccountId, "hello in v1", null, out _)!;
        Assert.Equal(MessageSealing.V1, queued.Sealing);
        Assert.NotEqual(0x00, alice.Data.Outbox.Due(_swarm.Now, 10).Single().Payload[0]);

        await alice.OutboxRunner.SendDueAsync(Token);
        await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        var arrived = Assert.Single(bob.Conversations.History(alice.AccountId));
        Assert.Equal(("hello in v1", MessageSealing.V1, true), (arrived.Body, arrived.Sealing, arrived.NotForwardSecret));
        Assert.True(alice.Conversations.History(bob.AccountId).Single().NotForwardSecret);
    }

    [Fact]
    public async Task A_message_sealed_to_a_key_the_ring_no_longer_holds_does_not_open()
    {
        var alice = Create("alice");
        var bob = Create("bob");
        CacheBundleOf(bob, "bob", at: Start, into: alice);
        alice.Conversations.Send(bob.AccountId, "sealed to today's key", null, out _);
        await alice.OutboxRunner.SendDueAsync(Token);

        // Bob's key is rotated away and, 16 days on, dropped: the message in his swarm no longer opens.
        var old = bob.Keys.Ring.Current()!;
        bob.Keys.Ring.Rotate(old.Created + TimeSpan.FromHours(12));
        bob.Keys.Ring.Prune(old.Created + TimeSpan.FromHours(12) + TimeSpan.FromDays(17));
        await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        Assert.Empty(bob.Conversations.History(alice.AccountId));
    }

    [Fact]
    public void Cached_keys_are_used_fresh_and_stale_not_expired_and_a_nak_holds_off_an_hour()
    {
        var alice = Create("alice");
        var bob = Create("bob");
        var cache = new ContactKeyCache(alice.Data.Local);
        CacheBundleOf(bob, "bob", at: Start, into: alice);
        var t0 = DateTimeOffset.FromUnixTimeMilliseconds(Start);

        Assert.Equal(ContactKeyState.Fresh, cache.Get(bob.AccountId, t0 + TimeSpan.FromHours(23)).State);
        Assert.NotNull(cache.Get(bob.AccountId, t0 + TimeSpan.FromHours(30)).Usable); // stale: still used
        Assert.Equal(ContactKeyState.Stale, cache.Get(bob.AccountId, t0 + TimeSpan.FromHours(30)).State);
        Assert.Null(cache.Get(bob.AccountId, t0 + TimeSpan.FromHours(49)).Usable); // expired: fetch first
        Assert.Equal(ContactKeyState.Expired, cache.Get(bob.AccountId, t0 + TimeSpan.FromHours(49)).State);

        cache.NotFound(bob.AccountId, t0 + TimeSpan.FromHours(50));
        Assert.Equal(ContactKeyState.NegativeCached, cache.Get(bob.AccountId, t0 + TimeSpan.FromHours(50.5)).State);
        Assert.Equal(ContactKeyState.Expired, cache.Get(bob.AccountId, t0 + TimeSpan.FromHours(51.1)).State);
    }

    [Fact]
    public void A_bundle_signed_by_someone_else_is_not_taken_as_the_contacts()
    {
        var alice = Create("alice");
        var bob = Create("bob");
        var mallory = Create("mallory");
        var cache = new ContactKeyCache(alice.Data.Local);
        using var key = mallory.Keys.Ring.Current()!.Expand();
        cache.Found(bob.AccountId, key.ToBundle().EncodeSigned(_keys["mallory"]), DateTimeOffset.FromUnixTimeMilliseconds(Start));
        var cached = cache.Get(bob.AccountId, DateTimeOffset.FromUnixTimeMilliseconds(Start));
        Assert.Null(cached.Usable);
        Assert.Equal(MessageSealing.V1, alice.Conversations.Send(bob.AccountId, "hi", null, out _)!.Sealing);
    }

    /// <summary>Puts <paramref name="owner"/>'s current bundle, signed by its account, into <paramref name="into"/>'s cache.</summary>
    private void CacheBundleOf(WispClient owner, string name, long at, WispClient into)
    {
        using var key = owner.Keys.Ring.Current()!.Expand();
        new ContactKeyCache(into.Data.Local).Found(owner.AccountId, key.ToBundle().EncodeSigned(_keys[name]), DateTimeOffset.FromUnixTimeMilliseconds(at));
    }

    private WispClient Create(string name)
    {
        Assert.True(AccountVault.Create(_home.Home, ProfileName.Parse(name), passphrase: null).TryGet(out var created, out var error), error?.Message);
        _keys[name] = created.Account.Keys;
        var client = WispClient.Over(created.Account, TimeProvider.System);
        client.Connect(_swarm);
        _clients.Add(client);
        return client;
    }
}
