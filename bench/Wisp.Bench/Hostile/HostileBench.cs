using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Text;
using Wisp.Bench.Network;
using Wisp.Bench.Storage;
using Wisp.Crypto.Keys;
using Wisp.Network.Local;
using Wisp.Node.Hosting;

namespace Wisp.Bench.Hostile;

/// <summary>
/// Memory and service under hostile clients: against one node (<c>wisp node run</c>) and then a 5-node local network
/// (<c>wisp up</c>), at once for <c>--seconds</c>: <c>--slow</c> clients that ask for a ~7.8 MB retrieve answer and
/// never read it (each from its own 127.x address), two fuzzers (mutated RPC bodies, random onion frames) and four
/// legitimate clients storing 300 B messages. Reports each node's RSS before, at its peak (VmRSS sampled every
/// 200 ms, and VmHWM) and <c>--settle</c> seconds after the hostile clients left, the p99 of accepted legitimate
/// stores and the 5xx counts, beside the target: 200 non-reading clients raise a node's RSS by at most 100 MB, RSS
/// falls back, stores keep being answered.
/// </summary>
public static class HostileBench
{
    private const long TargetRiseBytes = 100L * 1000 * 1000;

    public static int Run(string[] args) => RunAsync(
        Option(args, "--slow", 200), Option(args, "--seconds", 20), Option(args, "--settle", 30), Option(args, "--nodes", 5)).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(int slow, int seconds, int settle, int nodes)
    {
        Console.WriteLine($"Hostile clients: {slow} slow readers (never read a ~7.8 MB answer), 2 fuzzers, 4 legitimate storers, {seconds} s; "
            + $"RSS again {settle} s after they leave");
        MachineInfo.Print();
        MachineInfo.PrintLoad("before");
        var met = true;
        var folder = Path.Combine(Path.GetTempPath(), $"wisp-bench-hostile-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(folder);
            await using (var node = await BenchNode.StartAsync(Path.Combine(folder, "one"), new StorageOptions { Sync = "normal" }, CancellationToken.None))
            {
                Console.WriteLine($"\nOne node: {node.How}");
                using var http = Client();
                met &= await ScenarioAsync([new HostileTarget(node.Url, node.ProcessId)], http, slow, seconds, settle);
            }

            // --nodes 0 runs the one-node scenario alone (quicker when trying a node setting).
            if (nodes > 0)
            {
                await using (var network = await LocalNetworkUnderLoad.StartAsync(Path.Combine(folder, "net"), nodes, connections: 32))
                {
                    Console.WriteLine($"\n{nodes}-node network (wisp up --nodes {nodes}, one process per node), slow readers spread over every node");
                    if (!LocalNetwork.TryLoad(network.Folder, out var local, out var problem)) throw new InvalidOperationException(problem);
                    var targets = local.ActiveNodes.Select(n => new HostileTarget(n.Url, NodeRunFile.TryRead(local.DataDirectoryOf(n))?.ProcessId)).ToList();
                    using var http = Client();
                    met &= await ScenarioAsync(targets, http, slow, seconds, settle);
                }
            }
            MachineInfo.PrintLoad("after");
            return met ? 0 : 1;
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<bool> ScenarioAsync(IReadOnlyList<HostileTarget> targets, HttpClient http, int slow, int seconds, int settle)
    {
        // Every node gets its own heavy account (answers of ~7.8 MB) and a light one for the legitimate clients.
        var heavy = new List<Ed25519KeyPair>();
        var light = new List<Ed25519KeyPair>();
        foreach (var target in targets)
        {
            var account = Ed25519KeyPair.Generate();
            await SeedAsync(http, target, account);
            heavy.Add(account);
            light.Add(Ed25519KeyPair.Generate());
        }
        await Task.Delay(TimeSpan.FromSeconds(3));
        var before = targets.Select(t => Rss(t.ProcessId, "VmRSS")).ToArray();
        var peaks = (long[])before.Clone();

        var tally = new TrafficTally();
        using var phase = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var sampler = Task.Run(async () =>
        {
            while (!phase.IsCancellationRequested)
            {
                for (var i = 0; i < targets.Count; i++) peaks[i] = Math.Max(peaks[i], Rss(targets[i].ProcessId, "VmRSS"));
                try { await Task.Delay(200, phase.Token); } catch (OperationCanceledException) { }
            }
        });
        var seeds = new[]
        {
            HostileTraffic.StoreBody(light[0], new byte[64], DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()),
            HostileTraffic.RetrieveBody(light[0], everything: false),
            "{\"method\":\"batch\",\"params\":{\"requests\":[{\"method\":\"info\",\"params\":{}},{\"method\":\"get_swarm\",\"params\":{\"pubkey\":\"05" + new string('a', 64) + "\"}}]}}",
            "{\"method\":\"delete\",\"params\":{\"pubkey\":\"05" + new string('b', 64) + "\",\"messages\":[\"x\",\"y\"],\"signature\":\"AAAA\"}}",
        };
        var tasks = new List<Task> { sampler };
        for (var i = 0; i < slow; i++)
        {
            var index = i % targets.Count;
            var from = IPAddress.Parse($"127.0.{1 + i / 200}.{2 + i % 200}");
            tasks.Add(HostileTraffic.SlowReaderAsync(targets[index], from, HostileTraffic.RetrieveBody(heavy[index], everything: true), tally, phase.Token));
        }
        for (var i = 0; i < 2; i++) tasks.Add(HostileTraffic.FuzzAsync(http, targets, seeds, tally, 17 + i, phase.Token));
        for (var i = 0; i < 4; i++) tasks.Add(HostileTraffic.LegitAsync(http, targets[i % targets.Count], light[i % targets.Count], tally, phase.Token));
        await Task.WhenAll(tasks);

        await Task.Delay(TimeSpan.FromSeconds(settle));
        var after = targets.Select(t => Rss(t.ProcessId, "VmRSS")).ToArray();
        var hwm = targets.Select(t => Rss(t.ProcessId, "VmHWM")).ToArray();

        Console.WriteLine($"  {"NODE",-5} {"RSS before",11} {"peak (sampled)",15} {"VmHWM",9} {"rise",9} {"after " + settle + " s",11}   (MB; target: rise <= 100 MB, falls back)");
        var met = true;
        for (var i = 0; i < targets.Count; i++)
        {
            var rise = peaks[i] - before[i];
            met &= rise <= TargetRiseBytes;
            Console.WriteLine($"  {i,-5} {Mb(before[i]),11} {Mb(peaks[i]),15} {Mb(hwm[i]),9} {Mb(rise),9} {Mb(after[i]),11}   {(rise <= TargetRiseBytes ? "met" : "NOT met")}");
        }
        Console.WriteLine($"  slow readers: {tally.SlowConnected} sent their request, {tally.SlowRefused} could not connect");
        Console.WriteLine($"  legitimate stores: {tally.StoresOk:N0} of {tally.Stores:N0} answered 200; p50 {tally.StorePercentile(50):0.0} ms, "
            + $"p99 {tally.StorePercentile(99):0.0} ms; legitimate 5xx {tally.Legit5xx}, other non-200 {tally.LegitOther}");
        Console.WriteLine($"  fuzzed requests: {tally.Fuzz:N0}, 5xx {tally.Fuzz5xx}; over all clients: 503 (load shed) {tally.Shed503}, "
            + $"500 {tally.Internal500}, 598/599 (client timeout / connection failed) {tally.Legit5xx + tally.Fuzz5xx - tally.Shed503 - tally.Internal500}");
        var served = tally.Stores > 0 && tally.StoresOk > 0;
        Console.WriteLine($"  stores kept being answered: {(served ? "yes" : "NO")}");
        return met && served;
    }

    private static async Task SeedAsync(HttpClient http, HostileTarget target, Ed25519KeyPair account)
    {
        var data = new byte[StorageLimitsMaxMessageBytes];
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < HostileTraffic.HeavyMessages; i++)
        {
            Random.Shared.NextBytes(data);
            var status = await HostileTraffic.PostAsync(
                http, target.Url, "/storage_rpc/v1", Encoding.UTF8.GetBytes(HostileTraffic.StoreBody(account, data, now + i)), CancellationToken.None);
            if (status != 200) throw new InvalidOperationException($"Seeding the heavy account at {target.Url} answered {status}.");
        }
    }

    private const int StorageLimitsMaxMessageBytes = Wisp.Protocol.Storage.StorageLimits.MaxMessageBytes;

    private static HttpClient Client() => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        MaxConnectionsPerServer = 16,
    })
    { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A line of <c>/proc/PID/status</c> (<c>VmRSS</c>, <c>VmHWM</c>) in bytes; 0 where it cannot be read.</summary>
    private static long Rss(int? pid, string field)
    {
        if (pid is null) return 0;
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static string Mb(long bytes) => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture);

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
    }
}
