using Wisp.Bench.Network;

namespace Wisp.Bench.Node;

/// <summary>What the 5-node network measured: the first-minute windows, the warm replicated store, each node's RSS.</summary>
internal sealed class SwarmResult
{
    public List<Measurement> FirstMinute { get; } = [];
    public Measurement? Store { get; set; }
    public List<long> IdleResidentBytes { get; } = [];
    public List<long> PeakResidentBytes { get; } = [];
}

/// <summary>
/// A fresh 5-node local network (<c>wisp up --nodes 5</c>: one swarm of five, rate limits lifted, <c>--sync normal</c>),
/// every store sent to one node, which replicates it to the other four. First the first minute after the network is
/// healthy, in windows; then the warm measure, whose CPU is that of all five nodes (read after the replication the
/// stores caused has died down) per acknowledged store.
/// </summary>
internal static class SwarmMeasure
{
    public const int Nodes = 5;

    public static async Task<SwarmResult> RunAsync(NodeBenchOptions options, ILoadDriver driver, CancellationToken cancellationToken)
    {
        var result = new SwarmResult();
        var folder = Path.Combine(Path.GetTempPath(), $"wisp-bench-swarm-{Guid.NewGuid():N}");
        try
        {
            await using var network = await LocalNetworkUnderLoad.StartAsync(folder, Nodes, options.Connections);
            var pids = ProcessCpu.Children(network.UpPid, "node", "run");
            if (pids.Count != Nodes) throw new InvalidOperationException($"Found {pids.Count} node processes under wisp up, not {Nodes}.");
            var swarms = network.Registry.Swarms.Swarms;
            if (swarms.Count != 1) throw new InvalidOperationException($"{Nodes} nodes make {swarms.Count} swarms, not one.");
            var target = new LoadTarget(new Uri($"{network.UrlOf(swarms[0].Members[0])}/storage_rpc/v1"), network.Http);
            result.IdleResidentBytes.AddRange(pids.Select(pid => ProcessCpu.Memory(pid).Resident));
            Console.WriteLine($"5-node network healthy (one swarm of {swarms[0].Members.Count}); stores go to {target.Rpc.Authority}; "
                + $"idle RSS per node {Range(result.IdleResidentBytes)} MB");

            var window = TimeSpan.FromSeconds(options.WindowSeconds);
            if (options.Wants("first-minute"))
            {
                for (var i = 0; i < 3; i++)
                {
                    var measure = await driver.RunAsync($"{i * options.WindowSeconds}–{(i + 1) * options.WindowSeconds} s", target, NodeSeries.Stores(options.WindowSeconds * 3_000),
                        window, pids, null, cancellationToken);
                    result.FirstMinute.Add(NodeSeries.Report(measure));
                }
            }
            if (options.Wants("swarm"))
            {
                var warm = await driver.RunAsync("swarm warm-up", target, NodeSeries.Stores(options.WarmupSeconds * 3_000),
                    TimeSpan.FromSeconds(options.WarmupSeconds), pids, () => QuietAsync(pids, cancellationToken), cancellationToken);
                var bodies = NodeSeries.Stores(NodeSeries.Expected(warm, options.Seconds));
                result.Store = NodeSeries.Report(await driver.RunAsync("swarm", target, bodies, TimeSpan.FromSeconds(options.Seconds), pids,
                    () => QuietAsync(pids, cancellationToken), cancellationToken));
            }
            result.PeakResidentBytes.AddRange(pids.Select(pid => ProcessCpu.Memory(pid).Peak));
            return result;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        }
    }

    /// <summary>Waits until the nodes' replication work has died down: under 5% of a core over a second (at most 20 s).</summary>
    private static async Task QuietAsync(IReadOnlyList<int> pids, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        var last = ProcessCpu.Seconds(pids);
        while (DateTime.UtcNow < until)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var now = ProcessCpu.Seconds(pids);
            if (now - last < 0.05) return;
            last = now;
        }
    }

    public static string Range(IReadOnlyList<long> bytes) => bytes.Count == 0
        ? "n/a"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes.Min() / 1048576.0:0}–{bytes.Max() / 1048576.0:0}");
}
