using System.Net;
using Wisp.Dht;
using Wisp.Direct.Connect;

namespace Wisp.Direct.Tests.Connect;

/// <summary>A small real DHT on loopback: persistent nodes on UDP (enough for NAT sampling), one also a blind relay.</summary>
internal sealed class LoopbackDht : IAsyncDisposable
{
    private readonly List<DhtNode> _nodes = [];
    private readonly List<Wisp.Dht.Transport.IDatagramTransport> _checkSockets = [];
    private RelayHost? _relay;

    public IReadOnlyList<IPEndPoint> Bootstrap => [_nodes[0].Transport.LocalEndPoint];

    public IPEndPoint Relay => _nodes[0].Transport.LocalEndPoint;

    public static async Task<LoopbackDht> StartAsync(int nodes, CancellationToken ct)
    {
        var dht = new LoopbackDht();
        for (var i = 0; i < nodes; i++)
        {
            var transport = Wisp.Dht.Transport.UdpDatagramTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var check = Wisp.Dht.Transport.UdpDatagramTransport.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            dht._checkSockets.Add(check);
            var node = new DhtNode(transport, new DhtOptions
            {
                Persistent = true,
                NatCheckSocket = check,
                PublicEndPoint = transport.LocalEndPoint,
                Bootstrap = i == 0 ? [] : dht.Bootstrap,
            });
            dht._nodes.Add(node);
            if (i > 0) await node.BootstrapAsync(ct);
        }
        dht._relay = RelayHost.Attach(dht._nodes[0].Transport, TimeProvider.System);
        return dht;
    }

    public async ValueTask DisposeAsync()
    {
        _relay?.Dispose();
        foreach (var node in _nodes) await node.DisposeAsync();
        foreach (var check in _checkSockets) await check.DisposeAsync();
    }
}
