using System.Globalization;
using System.Text.Json;
using Wisp.Bench.Storage;

namespace Wisp.Bench.Startup;

/// <summary>
/// What the default local network costs in memory at rest: <c>./wisp up</c> without <c>--nodes</c>, waited on until
/// every node answers, left idle, then each node's resident memory as <c>./wisp net status --json</c> reports it (RSS,
/// summed) and, on Linux, its proportional share (PSS from <c>/proc/PID/smaps_rollup</c>), which counts the pages the
/// nodes share — the runtime, the framework's assemblies, native libraries — once instead of once per node.
/// The network must first show at least two swarms of at least five nodes, all healthy.
/// </summary>
/// <remarks>Options: <c>--idle S</c> (60 s at rest before measuring). Settings in the environment (DOTNET_…) reach the nodes.</remarks>
public static class IdleMemoryBench
{
    public static int Run(string[] args) => RunAsync(Option(args, "--idle", 60)).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(int idleSeconds)
    {
        Console.WriteLine($"Idle memory of the default local network (./wisp up, no --nodes), measured after {idleSeconds} s at rest");
        MachineInfo.Print();
        MachineInfo.PrintLoad("before");
        var folder = Path.Combine(Path.GetTempPath(), $"wisp-bench-memory-{Guid.NewGuid():N}");
        var environment = new Dictionary<string, string> { ["WISP_HOME"] = Path.Combine(folder, "home") };
        try
        {
            await using var up = HelperProcess.Start(Launcher.Script, ["up", "--network", folder, "--json", "--log-level", "Warning"]);
            await up.ReadFirstLineAsync(TimeSpan.FromSeconds(300));
            up.DrainStandardOutput();
            await Task.Delay(TimeSpan.FromSeconds(idleSeconds));

            var status = await TimedProcess.RunAsync(Launcher.Script, ["net", "status", "--network", folder, "--json"], environment);
            Require(status.ExitCode == 0, $"net status exits 0 ({status.Stderr})");
            using var document = JsonDocument.Parse(status.Stdout);
            var root = document.RootElement;
            var nodes = root.GetProperty("nodes").EnumerateArray().Where(n => !n.GetProperty("removed").GetBoolean()).ToList();
            var swarms = root.GetProperty("swarms").EnumerateArray().Select(s => s.GetProperty("members").GetArrayLength()).ToList();
            Require(nodes.All(n => n.GetProperty("healthy").GetBoolean()), "every node answers");
            Require(swarms.Count >= 2 && swarms.All(size => size >= 5), $"at least two swarms of at least 5 (got {string.Join("/", swarms)})");
            Console.WriteLine($"  check: {nodes.Count} nodes, all healthy; {swarms.Count} swarms of {string.Join("/", swarms)}");

            Console.WriteLine();
            Console.WriteLine($"  {"NODE",-9} {"RSS MiB",8} {"PSS MiB",8}");
            long pssTotal = 0;
            foreach (var node in nodes)
            {
                var pss = node.GetProperty("pid").ValueKind == JsonValueKind.Number ? ProportionalBytes(node.GetProperty("pid").GetInt32()) : null;
                pssTotal += pss ?? 0;
                Console.WriteLine($"  {node.GetProperty("name").GetString(),-9} {Mib(node.GetProperty("rss_bytes").GetInt64()),8} {(pss is { } p ? Mib(p) : "-"),8}");
            }
            var rssTotal = root.GetProperty("total_rss_bytes").GetInt64();
            Console.WriteLine($"  {"total",-9} {Mib(rssTotal),8} {(pssTotal > 0 ? Mib(pssTotal) : "-"),8}   ({Mib(rssTotal / nodes.Count)} RSS, "
                + $"{(pssTotal > 0 ? Mib(pssTotal / nodes.Count) : "-")} PSS a node)");
            Console.WriteLine($"  wisp up itself: {Mib(up.ResidentBytes)} RSS");
            MachineInfo.PrintLoad("after");
            return 0;
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The process's proportional set size (Linux), or null where it cannot be read.</summary>
    private static long? ProportionalBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture);

    private static void Require(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException($"Check failed: {what}");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
