using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Wisp.Bench.Storage;

namespace Wisp.Bench.Node;

/// <summary>Where a measure sends its requests: the RPC endpoint, and a client trusting the node(s) for the dotnet driver.</summary>
internal sealed record LoadTarget(Uri Rpc, HttpClient Client);

/// <summary>A load generator that POSTs pre-generated bodies for a duration and reports what it completed.</summary>
internal interface ILoadDriver
{
    string Description { get; }

    /// <summary>
    /// Sends <paramref name="bodies"/> (each once while they last, then again from the start) with the suite's
    /// connections for <paramref name="duration"/>; CPU of <paramref name="serverPids"/> is read before and after, and
    /// <paramref name="settle"/>, when given, is awaited before the second reading (work the requests left behind).
    /// </summary>
    Task<Measurement> RunAsync(
        string name, LoadTarget target, IReadOnlyList<byte[]> bodies, TimeSpan duration, IReadOnlyList<int> serverPids,
        Func<Task>? settle, CancellationToken cancellationToken);
}

/// <summary>Readings of the CPU counters around a measure.</summary>
internal readonly record struct CpuReading(double Server, double Self, double Children, double Machine)
{
    public static CpuReading Take(IReadOnlyList<int> serverPids)
    {
        var (self, children) = SelfAndChildren();
        return new(ProcessCpu.Seconds(serverPids), self, children, ProcessCpu.MachineBusySeconds());
    }

    // utime+stime of this process, and cutime+cstime: the CPU of its children that have exited and been waited for (wrk).
    private static (double Self, double Children) SelfAndChildren()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        double Ticks(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture) / 100.0;
        return (Ticks(11) + Ticks(12), Ticks(13) + Ticks(14));
    }
}

/// <summary>Debian's <c>wrk</c> with <c>bench/wrk/bodies.lua</c>: the bodies go to a file, one per line, formatted once per thread.</summary>
internal sealed class WrkDriver(int threads, int connections) : ILoadDriver
{
    public string Description => $"wrk -t{threads} -c{connections} (bench/wrk/bodies.lua, pre-generated bodies)";

    public static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "wrk", "bodies.lua");

    /// <summary>Null when wrk runs, else why not.</summary>
    public static string? Problem()
    {
        if (!File.Exists(ScriptPath)) return $"the wrk script is missing from the bench's output ({Path.GetFileName(ScriptPath)})";
        try
        {
            using var process = Process.Start(new ProcessStartInfo("wrk", "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.WaitForExit();
            return null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "wrk is not installed (apt-get install wrk), or use --driver dotnet";
        }
    }

    public async Task<Measurement> RunAsync(
        string name, LoadTarget target, IReadOnlyList<byte[]> bodies, TimeSpan duration, IReadOnlyList<int> serverPids,
        Func<Task>? settle, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"wisp-bench-wrk-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                foreach (var body in bodies)
                {
                    await stream.WriteAsync(body, cancellationToken);
                    stream.WriteByte((byte)'\n');
                }
            }
            var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[]
            {
                "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                "-d", $"{(int)duration.TotalSeconds}s", "--timeout", "10s", "-s", ScriptPath, target.Rpc.ToString(),
                "--", file, threads.ToString(CultureInfo.InvariantCulture),
            })
                start.ArgumentList.Add(argument);
            var before = CpuReading.Take(serverPids);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (settle is not null) await settle();
            var after = CpuReading.Take(serverPids);
            var text = await output;
            var line = text.Split('\n').LastOrDefault(l => l.StartsWith('{'))
                ?? throw new InvalidOperationException($"wrk printed no summary (exit {process.ExitCode}): {text} {await errors}");
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            long Get(string property) => root.GetProperty(property).GetInt64();
            var server = after.Server - before.Server;
            var driver = after.Children - before.Children;
            return new Measurement(name, Get("requests"), Get("duration_us") / 1e6, Get("p50_us") / 1000.0, Get("p99_us") / 1000.0,
                Get("status"), Get("connect") + Get("read") + Get("write") + Get("timeout"))
            {
                ServerCpuSeconds = server,
                DriverCpuSeconds = driver,
                OtherCpuSeconds = Math.Max(0, after.Machine - before.Machine - server - driver - (after.Self - before.Self)),
            };
        }
        finally
        {
            File.Delete(file);
        }
    }
}

/// <summary>The in-repo closed-loop generator (<see cref="LoadGenerator"/>) in this process, cycling through the bodies.</summary>
internal sealed class DotnetDriver(int connections) : ILoadDriver
{
    public string Description => $"the in-repo .NET generator, {connections} connections (shares the cores, costs CPU itself)";

    public async Task<Measurement> RunAsync(
        string name, LoadTarget target, IReadOnlyList<byte[]> bodies, TimeSpan duration, IReadOnlyList<int> serverPids,
        Func<Task>? settle, CancellationToken cancellationToken)
    {
        var next = -1;
        byte[] Next() => bodies[(int)((uint)Interlocked.Increment(ref next) % (uint)bodies.Count)];
        var before = CpuReading.Take(serverPids);
        var result = await new LoadGenerator(target.Client, connections)
            .RunAsync(name, target.Rpc, Next, TimeSpan.Zero, duration, new CpuMeter(null), cancellationToken);
        if (settle is not null) await settle();
        var after = CpuReading.Take(serverPids);
        var server = after.Server - before.Server;
        var self = after.Self - before.Self;
        return new Measurement(name, result.Completed, duration.TotalSeconds, result.P50Ms, result.P99Ms,
            result.NonOkByStatus.Values.Sum(), result.Failures)
        {
            ServerCpuSeconds = server,
            DriverCpuSeconds = self,
            OtherCpuSeconds = Math.Max(0, after.Machine - before.Machine - server - self),
            StatusDetail = result.AllOk ? "" : $" ({result.ErrorText})",
        };
    }
}
