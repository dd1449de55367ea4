using Wisp.Client.Account;
using Wisp.Client.Conversations;
using Wisp.Client.Direct;
using Wisp.Client.Tests.Polling;
using Wisp.Client.Tests.Support;
using Wisp.Protocol.Direct;

namespace Wisp.Client.Tests.Direct;

/// <summary>
/// Two contacts connecting to each other at once: both keep the one session opened by the device with the larger
/// direct key, end the other as a duplicate, and every message sent meanwhile arrives once, direct.
/// </summary>
public sealed class SimultaneousConnectTests : IAsyncDisposable
{
    private readonly DirectClients _clients = new();

    public ValueTask DisposeAsync() => _clients.DisposeAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Both_connecting_at_once_keep_the_session_opened_by_the_larger_direct_key_on_both_sides()
    {
        var (alice, bob) = await BothOnAndStartedAsync();
        var aliceOpensWinner = DirectSessions.OursWins(alice.Direct.DeviceKey.Span, bob.Direct.DeviceKey.Span);

        for (var round = 0; round < 3; round++)
        {
            _clients.Network.HoldConnects(2);
            var fromAlice = alice.Direct.Sessions!.EnsureAsync(bob.AccountId, Token);
            var fromBob = bob.Direct.Sessions!.EnsureAsync(alice.AccountId, Token);
            var (aliceGot, bobGot) = (await fromAlice, await fromBob);

            var aliceLive = Assert.Single(alice.Direct.Sessions.All());
            var bobLive = Assert.Single(bob.Direct.Sessions.All());
            // A connect that finished before the peer's arrived returned its own session, which then lost the tie.
            Assert.Same(aliceLive, aliceGot!.End == SessionEnd.Duplicate ? aliceGot.KeptInstead : aliceGot);
            Assert.Same(bobLive, bobGot!.End == SessionEnd.Duplicate ? bobGot.KeptInstead : bobGot);
            Assert.Same(((InMemoryLink)aliceLive.Link).Other, bobLive.Link); // the same session on both sides
            Assert.Equal(aliceOpensWinner, !aliceLive.Inbound);
            Assert.Equal(aliceOpensWinner, bobLive.Inbound);

            await alice.Direct.Sessions.DropAsync(bob.AccountId);
            await bob.Direct.Sessions.DropAsync(alice.AccountId);
        }
        Assert.Equal(6, _clients.Network.Links.Count); // two per round: one kept, one ended as a duplicate
    }

    [Fact]
    public async Task Messages_both_send_while_connecting_at_once_arrive_once_each_and_direct()
    {
        var (alice, bob) = await BothOnAndStartedAsync();
        var (aliceInSwarm, bobInSwarm) = (_clients.Swarm.Count(alice.AccountId), _clients.Swarm.Count(bob.AccountId));
        var toBob = alice.Conversations.Send(bob.AccountId, "hi bob", null, out _)!;
        var toAlice = bob.Conversations.Send(alice.AccountId, "hi alice", null, out _)!;

        _clients.Network.HoldConnects(2);
        await Task.WhenAll(alice.OutboxRunner.SendDueAsync(Token), bob.OutboxRunner.SendDueAsync(Token));
        await alice.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);

        Assert.Equal(DeliveryState.Sent, alice.Outbox.Find(toBob.Id)!.Delivery);
        Assert.Equal(DeliveryState.Sent, bob.Outbox.Find(toAlice.Id)!.Delivery);
        Assert.Equal(MessagePath.Direct, alice.Direct.PathOf(toBob.Id));
        Assert.Equal(MessagePath.Direct, bob.Direct.PathOf(toAlice.Id));
        Assert.Equal((aliceInSwarm, bobInSwarm), (_clients.Swarm.Count(alice.AccountId), _clients.Swarm.Count(bob.AccountId)));
        Assert.Equal(["hi bob"], bob.Conversations.History(alice.AccountId).Where(m => m.Direction == MessageDirection.In).Select(m => m.Body));
        Assert.Equal(["hi alice"], alice.Conversations.History(bob.AccountId).Where(m => m.Direction == MessageDirection.In).Select(m => m.Body));
        Assert.Single(alice.Direct.Sessions!.All());
        Assert.Single(bob.Direct.Sessions!.All());
    }

    [Fact]
    public void The_tie_break_is_the_same_rule_seen_from_either_side()
    {
        byte[] small = [.. Enumerable.Repeat((byte)1, 32)], large = [.. Enumerable.Repeat((byte)1, 31), 2];

        Assert.True(DirectSessions.OursWins(large, small));
        Assert.False(DirectSessions.OursWins(small, large));
    }

    private async Task<(WispClient Alice, WispClient Bob)> BothOnAndStartedAsync()
    {
        var (alice, bob) = await _clients.AgreedAsync();
        alice.Conversations.Accept(bob.AccountId);
        await _clients.StartAsync(alice, bob);
        return (alice, bob);
    }
}
