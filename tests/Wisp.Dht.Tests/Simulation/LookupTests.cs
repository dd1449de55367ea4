using Wisp.Crypto.Keys;
using Wisp.Protocol.Dht;

namespace Wisp.Dht.Tests.Simulation;

/// <summary>Lookups, announcements and relayed handshakes on a seeded 1,000-node simulated DHT.</summary>
public sealed class LookupTests(ThousandNodes net) : IClassFixture<ThousandNodes>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EveryNodeJoined_AndLearnedItsIdFromItsAddress()
    {
        Assert.All(net.Dht.Nodes, n => Assert.True(n.RoutingTableSize > 0));
        Assert.Equal(ThousandNodes.Count, net.Dht.Nodes.Select(n => n.Id).Distinct().Count());
        Assert.All(net.Dht.Nodes, n => Assert.Equal(Wisp.Dht.Routing.Contact.IdOf(n.Transport.LocalEndPoint), n.Id));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Lookups_FindTheTrueKClosest_InBoundedHops()
    {
        using var cts = new CancellationTokenSource(Generous);
        var random = new Random(ThousandNodes.Seed);
        var ids = net.Dht.Nodes.Select(n => n.Id).ToList();
        var hops = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            var target = DhtId.Hash(BitConverter.GetBytes(random.Next()));
            var from = net.Dht.Nodes[random.Next(1, ThousandNodes.Count)];

            var result = await from.QueryAsync(target, DhtCommand.FindNode, null, cts.Token);

            var expected = ids.Where(id => id != from.Id).OrderBy(id => id, Comparer<DhtId>.Create(target.CompareDistance)).Take(Limits.K).ToList();
            Assert.Equal(expected, result.Closest.Select(c => c.Id).ToList());
            hops.Add(result.Closest.Max(c => c.Hops));
        }
        // log2(1000 / 20) ≈ 6: a Kademlia lookup needs no more rounds than that to reach the closest set.
        Assert.All(hops, h => Assert.InRange(h, 1, 6));
    }

    [Fact]
    public async Task AnnounceFromOneClient_IsFoundByAnother()
    {
        using var cts = new CancellationTokenSource(Generous);
        await using var announcer = await net.Dht.ClientAsync(cts.Token);
        await using var seeker = await net.Dht.ClientAsync(cts.Token);
        using var keys = Ed25519KeyPair.Generate();
        var topic = DhtId.Hash("a topic"u8);
        var relay = net.Dht.Nodes[5].Transport.LocalEndPoint;

        var stored = await announcer.AnnounceAsync(topic, keys, [relay], cts.Token);
        var found = await seeker.LookupAsync(topic, cts.Token);

        Assert.Equal(Limits.K, stored);
        var peer = Assert.Single(found);
        Assert.Equal(keys.X25519PublicKey, peer.PublicKey);
        Assert.Equal([relay], peer.RelayAddresses);

        await announcer.UnannounceAsync(topic, keys, cts.Token);
        Assert.Empty(await seeker.LookupAsync(topic, cts.Token));
    }

    [Fact]
    public async Task AHandshake_ReachesAListeningClient_ThroughItsRelay_AndComesBack()
    {
        using var cts = new CancellationTokenSource(Generous);
        await using var server = await net.Dht.ClientAsync(cts.Token);
        await using var client = await net.Dht.ClientAsync(cts.Token);
        using var keys = Ed25519KeyPair.Generate();
        PeerRequest? seen = null;
        await using var listener = await server.ListenAsync(keys, (request, _) =>
        {
            seen = request;
            return ValueTask.FromResult<ReadOnlyMemory<byte>?>(request.Value.ToArray().Reverse().ToArray());
        }, cts.Token);

        var relays = await client.FindPeerAsync(keys.X25519PublicKey, cts.Token);
        Assert.Equal(Limits.ServerRelays, relays.Count);
        Assert.All(relays, r => Assert.Equal(keys.X25519PublicKey, r.Record.PublicKey));
        Assert.Equal(listener.Relays.Select(r => r.ToString()).Order(), relays.Select(r => r.Relay.ToString()).Order());

        var reply = await client.RequestPeerAsync(PeerCommand.Handshake, relays[0].Relay, keys.X25519PublicKey, new byte[] { 1, 2, 3 }, cts.Token);

        Assert.NotNull(reply);
        Assert.Equal(new byte[] { 3, 2, 1 }, reply.Value.ToArray());
        Assert.Equal(server.Transport.LocalEndPoint, reply.ServerAddress);
        Assert.Equal(relays[0].Relay, reply.Relay);
        Assert.NotNull(seen);
        Assert.Equal(PeerCommand.Handshake, seen.Command);
        Assert.Equal(client.Transport.LocalEndPoint, seen.ClientAddress);
        Assert.Equal(relays[0].Relay, seen.Relay);
    }

    [Fact]
    public async Task APeerMessage_ForAServerNoRelayKnows_GetsNoReply()
    {
        using var cts = new CancellationTokenSource(Generous);
        await using var client = await net.Dht.ClientAsync(cts.Token);
        using var stranger = Ed25519KeyPair.Generate();

        Assert.Empty(await client.FindPeerAsync(stranger.X25519PublicKey, cts.Token));
        Assert.Null(await client.RequestPeerAsync(PeerCommand.Holepunch, net.Dht.Nodes[3].Transport.LocalEndPoint, stranger.X25519PublicKey, new byte[] { 9 }, cts.Token));
    }
}
