using System.Net;
using System.Net.Sockets;
using Wisp.Crypto.Keys;
using Wisp.Dht.Transport;
using Wisp.Protocol.Dht;

namespace Wisp.Dht.Tests.Udp;

/// <summary>Real UDP sockets on loopback: a bootstrap node, two service nodes, and clients.</summary>
public sealed class LoopbackTests : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly List<DhtNode> _nodes = [];
    private DhtNode _bootstrap = null!;

    public async ValueTask InitializeAsync()
    {
        var socket = UdpDatagramTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _bootstrap = new DhtNode(socket, new DhtOptions { Persistent = true, PublicEndPoint = socket.LocalEndPoint });
        _nodes.Add(_bootstrap);
        for (var i = 0; i < 3; i++)
        {
            var node = DhtNode.BindUdp(new IPEndPoint(IPAddress.Loopback, 0), new DhtOptions { Persistent = true, Bootstrap = [socket.LocalEndPoint] });
            _nodes.Add(node);
            await node.BootstrapAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
    }

    [Fact]
    public async Task ServiceNodes_LearnTheirAddress_AndKnowEachOther()
    {
        var node = _nodes[1];

        Assert.Equal(node.Transport.LocalEndPoint, node.PublicEndPoint);
        Assert.False(node.Firewalled);
        Assert.Equal(3, node.RoutingTableSize);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task AnnounceAndLookup_OverRealSockets()
    {
        using var cts = new CancellationTokenSource(Generous);
        var a = await ClientAsync(cts.Token);
        var b = await ClientAsync(cts.Token);
        using var keys = Ed25519KeyPair.Generate();
        var topic = DhtId.Hash("loopback"u8);

        Assert.Equal(4, await a.AnnounceAsync(topic, keys, [], cts.Token));
        var found = await b.LookupAsync(topic, cts.Token);

        Assert.Equal(keys.X25519PublicKey, Assert.Single(found).PublicKey);
    }

    [Fact]
    public async Task ARelayedHandshake_OverRealSockets_SeesTheClientsAddress()
    {
        using var cts = new CancellationTokenSource(Generous);
        var server = await ClientAsync(cts.Token);
        var client = await ClientAsync(cts.Token);
        using var keys = Ed25519KeyPair.Generate();
        await using var listener = await server.ListenAsync(keys, (request, _) =>
            ValueTask.FromResult<ReadOnlyMemory<byte>?>(DhtAddress.ToBytes(request.ClientAddress)), cts.Token);

        var relays = await client.FindPeerAsync(keys.X25519PublicKey, cts.Token);
        var reply = await client.RequestPeerAsync(PeerCommand.Handshake, relays[0].Relay, keys.X25519PublicKey, "hello"u8.ToArray(), cts.Token);

        Assert.NotNull(reply);
        Assert.Equal(client.Transport.LocalEndPoint, DhtAddress.Read(reply.Value.Span));
        Assert.Equal(server.Transport.LocalEndPoint, reply.ServerAddress);
    }

    [Fact]
    public async Task GarbageAndOversizeDatagrams_AreDropped_AndTheNodeStillAnswers()
    {
        using var cts = new CancellationTokenSource(Generous);
        using var raw = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var random = new Random(5);
        for (var i = 0; i < 200; i++)
        {
            var junk = new byte[random.Next(2, 300)];
            random.NextBytes(junk);
            junk[0] = (i & 1) == 0 ? DatagramKinds.DhtRequest : DatagramKinds.DhtResponse;
            await raw.SendAsync(junk, _bootstrap.Transport.LocalEndPoint, cts.Token);
        }
        await raw.SendAsync(new byte[Limits.MaxDatagramBytes + 500], _bootstrap.Transport.LocalEndPoint, cts.Token);
        var client = await ClientAsync(cts.Token);

        var ping = await client.PingAsync(_bootstrap.Transport.LocalEndPoint, cancellationToken: cts.Token);

        Assert.NotNull(ping);
        Assert.Equal(client.Transport.LocalEndPoint, ping.ObservedAddress);
        Assert.True(_bootstrap.MalformedDatagrams > 0);
        Assert.Equal(1, ((UdpDatagramTransport)_bootstrap.Transport).Oversize);
    }

    [Fact]
    public async Task APing_FromAnotherSocket_ReportsThatSocketsAddress()
    {
        using var cts = new CancellationTokenSource(Generous);
        var client = await ClientAsync(cts.Token);
        await using var punchSocket = UdpDatagramTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        var samples = await client.SampleNatAsync(punchSocket, 3, cts.Token);

        Assert.Equal(3, samples.Replies.Count);
        Assert.Equal(punchSocket.LocalEndPoint, samples.Consensus);
    }

    private async Task<DhtNode> ClientAsync(CancellationToken cancellationToken)
    {
        var node = DhtNode.BindUdp(new IPEndPoint(IPAddress.Loopback, 0), new DhtOptions { Bootstrap = [_bootstrap.Transport.LocalEndPoint] });
        _nodes.Add(node);
        await node.BootstrapAsync(cancellationToken);
        return node;
    }
}
