namespace Wisp.Dht.Transport;

/// <summary>
/// A DHT of persistent nodes on a <see cref="SimulatedNetwork"/>, for tests and the bench: the first node is the
/// bootstrap (its address given), the rest join through it <see cref="JoinConcurrency"/> at a time.
/// </summary>
internal sealed class SimulatedDht : IAsyncDisposable
{
    /// <summary>Nodes joining at once (32): keeps the bootstrap node's row pings and the pump's queue small.</summary>
    public const int JoinConcurrency = 32;

    /// <summary>Reply timeout inside the simulation (10 s): datagrams are never late here, only the machine is; a tight timeout on a loaded CI box would lose answers that were merely slow.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private SimulatedDht(SimulatedNetwork network, List<DhtNode> nodes)
    {
        Network = network;
        Nodes = nodes;
    }

    public SimulatedNetwork Network { get; }

    public List<DhtNode> Nodes { get; }

    public DhtNode Bootstrap => Nodes[0];

    /// <summary>
    /// Starts <paramref name="count"/> nodes; with <paramref name="natCheck"/> each also gets a PING_NAT socket on its
    /// host at port <see cref="NatCheckPort"/> (a reachability check needs one).
    /// </summary>
    public static async Task<SimulatedDht> StartAsync(int count, int seed, double loss = 0, CancellationToken cancellationToken = default, bool natCheck = false)
    {
        var network = new SimulatedNetwork(seed, loss);
        var first = network.Bind();
        IDatagramTransport? CheckSocket(IDatagramTransport main) =>
            natCheck ? network.Bind(new System.Net.IPEndPoint(main.LocalEndPoint.Address, NatCheckPort)) : null;
        var nodes = new List<DhtNode>
        {
            new(first, new DhtOptions { Persistent = true, PublicEndPoint = first.LocalEndPoint, RequestTimeout = RequestTimeout, NatCheckSocket = CheckSocket(first) }),
        };
        var options = new DhtOptions { Persistent = true, Bootstrap = [first.LocalEndPoint], RequestTimeout = RequestTimeout };
        for (var i = 1; i < count; i++)
        {
            var main = network.Bind();
            nodes.Add(new DhtNode(main, options with { NatCheckSocket = CheckSocket(main) }));
        }
        using var gate = new SemaphoreSlim(JoinConcurrency);
        await Task.WhenAll(nodes.Skip(1).Select(async node =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await node.BootstrapAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        return new SimulatedDht(network, nodes);
    }

    /// <summary>The port of a node's PING_NAT socket (on the node's host) when started with a NAT check.</summary>
    public const int NatCheckPort = 49738;

    /// <summary>A client (ephemeral node) joined to this DHT; with <paramref name="dropsStrangers"/> behind a stateful firewall.</summary>
    public async Task<DhtNode> ClientAsync(CancellationToken cancellationToken = default, bool dropsStrangers = false)
    {
        var client = new DhtNode(Network.Bind(dropsStrangers: dropsStrangers), new DhtOptions { Bootstrap = [Bootstrap.Transport.LocalEndPoint], RequestTimeout = RequestTimeout });
        await client.BootstrapAsync(cancellationToken).ConfigureAwait(false);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync().ConfigureAwait(false);
        await Network.DisposeAsync().ConfigureAwait(false);
    }
}
