using Wisp.Client.Conversations;
using Wisp.Client.Direct;
using Wisp.Client.Tests.Support;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Direct;

namespace Wisp.Client.Tests.Direct;

/// <summary>
/// Direct mode over a swarm in memory and direct sessions in memory: the agreement (both must turn it on, either turns
/// it off, offers never show as messages), sending direct with an ack, the swarm as fallback exactly once, and the
/// receiver keeping one copy whichever path brings it first.
/// </summary>
public sealed class DirectModeTests : IAsyncDisposable
{
    private readonly DirectClients _clients = new();

    public ValueTask DisposeAsync() => _clients.DisposeAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Direct_mode_is_on_only_once_both_sides_turned_it_on_and_the_offers_are_no_messages()
    {
        var (alice, bob) = (Create("alice"), Create("bob"));
        var dropped = new List<string>();
        alice.Poller.Received += e => { if (e is Wisp.Client.Polling.PollEvent.Dropped d) dropped.Add(d.Reason); };
        bob.Poller.Received += e => { if (e is Wisp.Client.Polling.PollEvent.Dropped d) dropped.Add(d.Reason); };

        Assert.Null(await alice.Direct.SetAsync(bob.AccountId, on: true, Token));
        Assert.Equal(DirectState.Offered, alice.Direct.Get(bob.AccountId).State);
        await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        Assert.Equal(DirectState.Requested, bob.Direct.Get(alice.AccountId).State);
        Assert.Equal(alice.Direct.DeviceKey.Span.ToArray(), Assert.Single(bob.Direct.Get(alice.AccountId).DeviceKeys));

        Assert.Null(await bob.Direct.SetAsync(alice.AccountId, on: true, Token));
        Assert.Equal(DirectState.On, bob.Direct.Get(alice.AccountId).State);
        await alice.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        Assert.Equal(DirectState.On, alice.Direct.Get(bob.AccountId).State);

        Assert.Empty(bob.Conversations.History(alice.AccountId));
        Assert.Empty(alice.Conversations.History(bob.AccountId));
        Assert.Empty(dropped); // a taken offer is not reported as a dropped message
    }

    [Fact]
    public async Task Off_on_one_side_turns_it_off_on_both_and_forgets_their_keys()
    {
        var (alice, bob) = await BothOnAsync();

        Assert.Null(await bob.Direct.SetAsync(alice.AccountId, on: false, Token));
        await alice.Poller.PollOnceAsync(TimeSpan.Zero, Token);

        Assert.Equal(DirectState.Off, alice.Direct.Get(bob.AccountId).State);
        Assert.Empty(alice.Direct.Get(bob.AccountId).DeviceKeys);
        Assert.Equal(DirectState.Off, bob.Direct.Get(alice.AccountId).State);
    }

    [Fact]
    public async Task A_new_device_of_an_account_in_direct_mode_is_taken_on_its_signed_offer_and_a_forged_or_old_one_is_not()
    {
        var (alice, bob) = await BothOnAsync();
        using var bobAccount = SeedOf(bob);
        using var newDevice = Ed25519KeyPair.Generate();
        var now = alice.NowMs() + 1_000;

        var fromNewDevice = DirectOffer.Create(DirectOfferKind.On, newDevice.X25519PublicKey.Span, now, bobAccount).Encode();
        Assert.Null(alice.Direct.TakeOffer(bob.AccountId, fromNewDevice));
        Assert.Equal(2, alice.Direct.Get(bob.AccountId).DeviceKeys.Count);

        using var mallory = Ed25519KeyPair.Generate();
        var forged = DirectOffer.Create(DirectOfferKind.Off, newDevice.X25519PublicKey.Span, now + 1, mallory).Encode();
        Assert.Contains("signature", alice.Direct.TakeOffer(bob.AccountId, forged));
        var old = DirectOffer.Create(DirectOfferKind.Off, newDevice.X25519PublicKey.Span, now - 1, bobAccount).Encode();
        Assert.Contains("older", alice.Direct.TakeOffer(bob.AccountId, old));
        Assert.Equal(DirectState.On, alice.Direct.Get(bob.AccountId).State);
    }

    [Fact]
    public async Task A_message_acked_on_a_session_is_sent_direct_and_never_stored_in_the_swarm()
    {
        var (alice, bob) = await BothOnAsync();
        await StartDirectAsync(alice, bob);
        var inSwarm = _clients.Swarm.Count(bob.AccountId); // the offers

        var queued = alice.Conversations.Send(bob.AccountId, "hello, directly", null, out _)!;
        await alice.OutboxRunner.SendDueAsync(Token);

        Assert.Equal(DeliveryState.Sent, alice.Outbox.Find(queued.Id)!.Delivery);
        Assert.Equal(MessagePath.Direct, alice.Direct.PathOf(queued.Id));
        Assert.Equal(inSwarm, _clients.Swarm.Count(bob.AccountId));
        var received = Assert.Single(bob.Conversations.History(alice.AccountId));
        Assert.Equal("hello, directly", received.Body);
        Assert.Equal(MessagePath.Direct, bob.Direct.PathOf(received.Id));
    }

    [Fact]
    public async Task A_message_with_no_ack_goes_through_the_swarm_and_the_receiver_keeps_one_copy()
    {
        var (alice, bob) = await BothOnAsync();
        await StartDirectAsync(alice, bob);
        alice.Direct.AckTimeout = TimeSpan.FromMilliseconds(200);
        await alice.Direct.Sessions!.EnsureAsync(bob.AccountId, Token);
        var link = Assert.Single(_clients.Network.Links);
        link.Other.Deaf = true; // bob's side gets nothing, so acks nothing
        var inSwarm = _clients.Swarm.Count(bob.AccountId);

        var queued = alice.Conversations.Send(bob.AccountId, "are you there?", null, out _)!;
        await alice.OutboxRunner.SendDueAsync(Token);

        Assert.Equal(DeliveryState.Sent, alice.Outbox.Find(queued.Id)!.Delivery);
        Assert.Null(alice.Direct.PathOf(queued.Id)); // the swarm's
        Assert.Equal(inSwarm + 1, _clients.Swarm.Count(bob.AccountId));
        await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        Assert.Single(bob.Conversations.History(alice.AccountId));
    }

    [Fact]
    public async Task A_session_lost_sends_the_rest_through_the_swarm()
    {
        var (alice, bob) = await BothOnAsync();
        await StartDirectAsync(alice, bob);
        var first = alice.Conversations.Send(bob.AccountId, "one", null, out _)!;
        await alice.OutboxRunner.SendDueAsync(Token);
        Assert.Single(_clients.Network.Links).Kill();
        await bob.Direct.DisposeAsync(); // bob is gone: no new session either

        var second = alice.Conversations.Send(bob.AccountId, "two", null, out _)!;
        await alice.OutboxRunner.SendDueAsync(Token);
        await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);

        Assert.Equal(MessagePath.Direct, alice.Direct.PathOf(first.Id));
        Assert.Null(alice.Direct.PathOf(second.Id));
        Assert.Equal(["one", "two"], bob.Conversations.History(alice.AccountId).Select(m => m.Body));
    }

    [Fact]
    public async Task The_same_message_through_both_paths_is_kept_once_whichever_comes_first()
    {
        var (alice, bob) = await BothOnAsync();
        await StartDirectAsync(alice, bob);
        var direct = alice.Conversations.Send(bob.AccountId, "direct first", null, out _)!;
        var directBytes = PayloadOf(alice, direct.Id);
        await alice.OutboxRunner.SendDueAsync(Token);
        _clients.Swarm.Place(bob.AccountId, directBytes); // a late swarm copy of the same bytes
        await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);

        var viaSwarm = alice.Conversations.Send(bob.AccountId, "swarm first", null, out _)!;
        _clients.Swarm.Place(bob.AccountId, PayloadOf(alice, viaSwarm.Id));
        await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        await alice.OutboxRunner.SendDueAsync(Token); // then the same bytes direct: acked, not shown again

        Assert.Equal(["direct first", "swarm first"], bob.Conversations.History(alice.AccountId).Select(m => m.Body));
        Assert.Equal(DeliveryState.Sent, alice.Outbox.Find(viaSwarm.Id)!.Delivery);
    }

    [Fact]
    public async Task Only_one_side_on_sends_nothing_direct_and_its_endpoint_admits_nobody()
    {
        var (alice, bob) = (Create("alice"), Create("bob"));
        Assert.Null(await alice.Direct.SetAsync(bob.AccountId, on: true, Token));
        await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        await StartDirectAsync(alice, bob);
        var inSwarm = _clients.Swarm.Count(bob.AccountId);

        var queued = alice.Conversations.Send(bob.AccountId, "through the swarm", null, out _)!;
        await alice.OutboxRunner.SendDueAsync(Token);
        var (link, error) = await bob.Direct.Sessions!.Transport.ConnectAsync(alice.Direct.DeviceKey.Span.ToArray(), Token);

        Assert.Null(alice.Direct.PathOf(queued.Id));
        Assert.Equal(inSwarm + 1, _clients.Swarm.Count(bob.AccountId));
        Assert.Empty(_clients.Network.Links);
        Assert.Null(link);
        Assert.NotNull(error);
    }

    private Task<(WispClient Alice, WispClient Bob)> BothOnAsync() => _clients.AgreedAsync();

    private Task StartDirectAsync(params WispClient[] clients) => _clients.StartAsync(clients);

    private WispClient Create(string name) => _clients.Create(name);

    private Ed25519KeyPair SeedOf(WispClient client) => _clients.KeysOf(client);

    private static byte[] PayloadOf(WispClient client, string messageId) =>
        client.Data.Outbox.Due(long.MaxValue, 100).Single(item => item.Id == messageId).Payload;
}
