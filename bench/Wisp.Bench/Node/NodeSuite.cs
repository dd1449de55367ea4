using Wisp.Bench.Storage;

namespace Wisp.Bench.Node;

/// <summary>
/// The <c>node</c> suite (issue 18): a real <c>wisp node run</c> process driven by Debian's <c>wrk</c> (or, with
/// <c>--driver dotnet</c>, the in-repo generator) over HTTPS on loopback, rate limits lifted: info, store and signed
/// retrieve on a fresh database per <c>--sync</c> series, and a 5-node network storing at one node with its first
/// minute. Each figure comes with the server's CPU per request from /proc, its RSS, and the machine's limits measured
/// in the same run (no-op Kestrel, libsodium), beside Session's storage server 2.6.2.
/// </summary>
internal static class NodeSuite
{
    public static int Run(string[] args) => SuiteRunner.Run<NodeBenchOptions>(args, NodeBenchOptions.Parse, RunAsync);

    private static async Task<int> RunAsync(NodeBenchOptions options, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            Console.Error.WriteLine("The node suite reads CPU and memory from /proc: Linux only.");
            return 2;
        }
        ILoadDriver driver = options.Driver == "wrk" ? new WrkDriver(options.Threads, options.Connections) : new DotnetDriver(options.Connections);
        if (options.Driver == "wrk" && WrkDriver.Problem() is { } problem)
        {
            Console.Error.WriteLine($"Cannot drive the node with wrk: {problem}.");
            return 2;
        }
        if (options.Wisp is not null) Environment.SetEnvironmentVariable(WispBinary.Variable, options.Wisp);
        MachineInfo.Print();
        MachineInfo.PrintLoad("before");
        Console.WriteLine(options.Wisp is null
            ? "Nodes run: the wisp copied beside the bench (a plain build: no ReadyToRun)"
            : "Nodes run: the wisp given with --wisp");
        Console.WriteLine($"Driver: {driver.Description}; {options.WarmupSeconds} s warm-up + {options.Seconds} s measured per measure"
            + (options.Quick ? " (--quick: short runs, noisier figures)" : ""));
        Console.WriteLine($"Node runtime settings from the environment: {RuntimeEnvironment()}");
        var report = new NodeReport { Driver = driver.Description };

        Console.WriteLine("Limits: libsodium Ed25519 verify, message hash; no-op Kestrel…");
        var limit = TimeSpan.FromSeconds(options.Quick ? 1 : 3);
        report.VerifyPerSecondOneCore = VerifyRate.Measure(1, limit);
        report.VerifyPerSecondAllCores = VerifyRate.Measure(Environment.ProcessorCount, limit);
        report.HashPerSecondOneCore = HashRate.Measure(limit);
        var noop = await RunNoopAsync(options, driver, cancellationToken);
        report.NoopPerSecond = noop.RequestsPerSecond;
        report.NoopServerUs = noop.ServerMicrosecondsPerRequest;

        if (options.Wants("info") || options.Wants("store") || options.Wants("retrieve"))
        {
            foreach (var sync in options.Syncs)
                report.Series.Add(await NodeSeries.RunAsync(options, sync, driver, cancellationToken));
        }
        if (options.Wants("swarm") || options.Wants("first-minute"))
            report.Swarm = await SwarmMeasure.RunAsync(options, driver, cancellationToken);

        report.Print();
        MachineInfo.PrintLoad("after");
        return report.AllOk ? 0 : 1;
    }

    private static string RuntimeEnvironment()
    {
        var settings = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("DOTNET_", StringComparison.Ordinal) && !name.StartsWith("DOTNET_CLI", StringComparison.Ordinal)
                && name is not "DOTNET_ROOT" and not "DOTNET_NOLOGO")
            .OrderBy(name => name, StringComparer.Ordinal)
            .Select(name => $"{name}={Environment.GetEnvironmentVariable(name)}")
            .ToList();
        return settings.Count == 0 ? "none (wisp's runtimeconfig only)" : string.Join(' ', settings);
    }

    private static async Task<Measurement> RunNoopAsync(NodeBenchOptions options, ILoadDriver driver, CancellationToken cancellationToken)
    {
        await using var server = await NoopServerProcess.StartAsync(options.Connections);
        var target = new LoadTarget(server.Target, server.Client);
        IReadOnlyList<byte[]> body = [RequestBodies.Info];
        int[] pids = [server.Id];
        await driver.RunAsync("no-op warm-up", target, body, TimeSpan.FromSeconds(options.WarmupSeconds), pids, null, cancellationToken);
        return NodeSeries.Report(await driver.RunAsync("no-op", target, body, TimeSpan.FromSeconds(options.Seconds), pids, null, cancellationToken));
    }
}
