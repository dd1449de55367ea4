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

    public static async Task<SimulatedDht> StartAsync(int count, int seed, double loss = 0, CancellationToken cancellationToken = default)
    {
        var network = new SimulatedNetwork(seed, loss);
        var first = network.Bind();
        var nodes = new List<DhtNode> { new(first, new DhtOptions { Persistent = true, PublicEndPoint = first.LocalEndPoint, RequestTimeout = RequestTimeout }) };
        var options = new DhtOptions { Persistent = true, Bootstrap = [first.LocalEndPoint], RequestTimeout = RequestTimeout };
        for (var i = 1; i < count; i++) nodes.Add(new DhtNode(network.Bind(), options));
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

    /// <summary>A client (ephemeral node) joined to this DHT.</summary>
    public async Task<DhtNode> ClientAsync(CancellationToken cancellationToken = default)
    {
        var client = new DhtNode(Network.Bind(), new DhtOptions { Bootstrap = [Bootstrap.Transport.LocalEndPoint], RequestTimeout = RequestTimeout });
        await client.BootstrapAsync(cancellationToken).ConfigureAwait(false);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync().ConfigureAwait(false);
        await Network.DisposeAsync().ConfigureAwait(false);
    }
}
