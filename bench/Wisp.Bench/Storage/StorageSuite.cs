using Wisp.Node.Hosting;

namespace Wisp.Bench.Storage;

/// <summary>
/// The <c>storage</c> suite: a macro load run against a real node over HTTPS on loopback, measured the way Session's
/// storage server was (DESIGN §4: 16 connections, rate limit lifted, load generator on the same cores), beside the
/// machine's limits measured in the same run — a no-op Kestrel endpoint through the same load generator, and
/// libsodium's raw Ed25519 verify rate.
/// </summary>
internal static class StorageSuite
{
    private static readonly TimeSpan VerifyDuration = TimeSpan.FromSeconds(3);

    public static int Run(string[] args) => SuiteRunner.Run<StorageOptions>(args, StorageOptions.Parse, RunAsync);

    private static async Task<int> RunAsync(StorageOptions options, CancellationToken cancellationToken)
    {
        MachineInfo.Print();
        MachineInfo.PrintLoad("before");
        Console.WriteLine($"Load: {options.Connections} connections, HTTP/1.1 keep-alive over TLS (pinned certificate), "
            + $"{options.WarmupSeconds} s warm-up + {options.Seconds} s measured per phase; the load generator shares the cores.");
        var report = new StorageReport();
        var warmup = TimeSpan.FromSeconds(options.WarmupSeconds);
        var duration = TimeSpan.FromSeconds(options.Seconds);

        Console.WriteLine("Limit: libsodium Ed25519 verify (crypto_sign_verify_detached)…");
        report.VerifyOneCore = VerifyRate.Measure(1, VerifyDuration);
        report.VerifyAllCores = VerifyRate.Measure(Environment.ProcessorCount, VerifyDuration);

        Console.WriteLine("Limit: no-op Kestrel HTTPS POST…");
        report.Noop = await RunNoopAsync(options, warmup, duration, cancellationToken);

        var dataDirectory = Path.Combine(Path.GetTempPath(), $"wisp-bench-node-{Guid.NewGuid():N}");
        try
        {
            await RunNodeAsync(options, dataDirectory, report, warmup, duration, cancellationToken);
        }
        finally
        {
            if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
        }
        report.Print(options);
        MachineInfo.PrintLoad("after");
        return report.AllOk ? 0 : 1;
    }

    private static async Task<LoadResult> RunNoopAsync(StorageOptions options, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var server = await NoopServerProcess.StartAsync(options.Connections);
        var (client, target) = (server.Client, server.Target);
        var (status, _) = await LoadGenerator.PostAsync(client, target, RequestBodies.Info, cancellationToken);
        StorageChecks.Require(status == 200, $"the no-op endpoint answered {status}");
        return await new LoadGenerator(client, options.Connections)
            .RunAsync("no-op", target, () => RequestBodies.Info, warmup, duration, new CpuMeter(server.Id), cancellationToken);
    }

    private static async Task RunNodeAsync(
        StorageOptions options, string dataDirectory, StorageReport report, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        Console.WriteLine("Node: starting…");
        await using var node = await BenchNode.StartAsync(dataDirectory, options, cancellationToken);
        report.NodeHow = node.How;
        Console.WriteLine($"Node: {node.How} at {node.Url}");
        Console.WriteLine("Node: per-IP rate limit LIFTED for this run (--rate-limit 0); a production node allows each client IP "
            + "a limited rate and answers 429 beyond it.");
        using var client = LoadGenerator.CreateClient(CertificatePin.CreateHandler(node.Certificate), options.Connections);
        var rpc = node.RpcUri;
        var load = new LoadGenerator(client, options.Connections);
        var cpu = new CpuMeter(node.ProcessId);

        await StorageChecks.InfoAnswersAsync(client, rpc, cancellationToken);
        await StorageChecks.StoredMessageIsRetrievableAsync(client, rpc, cancellationToken);
        Console.WriteLine("Node: checked — info answers 200; a stored message comes back from a signed retrieve with its hash.");
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        report.IdleResidentBytes = node.ResidentBytes;

        Console.WriteLine("Phase: info…");
        report.Info = await load.RunAsync("info", rpc, () => RequestBodies.Info, warmup, duration, cpu, cancellationToken);

        Console.WriteLine("Phase: store (300 B, a new account each)…");
        var storedBefore = (await StorageChecks.StatusAsync(client, node.Url, cancellationToken)).MessagesStoredTotal;
        report.Store = await load.RunAsync("store", rpc, RequestBodies.StoreToNewAccount, warmup, duration, cpu, cancellationToken);
        var storedAfter = (await StorageChecks.StatusAsync(client, node.Url, cancellationToken)).MessagesStoredTotal;
        // Every acknowledged store must be committed: the node counts at least as many new messages as it answered 200.
        StorageChecks.Require(storedAfter - storedBefore >= report.Store.OkAnswersInPhase,
            $"the node counts {storedAfter - storedBefore} new messages but acknowledged {report.Store.OkAnswersInPhase} stores");
        Console.WriteLine($"Phase: store — checked: the node counts {storedAfter - storedBefore:N0} new messages for {report.Store.OkAnswersInPhase:N0} acknowledged stores.");

        Console.WriteLine($"Phase: retrieve — filling {options.RetrieveAccounts} accounts with {RetrieveAccounts.MessagesPerAccount} messages each…");
        using var accounts = await RetrieveAccounts.FillAsync(client, rpc, options.RetrieveAccounts, options.Connections, cancellationToken);
        accounts.SignNow();
        Console.WriteLine("Phase: retrieve (signed, 20 messages ≈ 10 KB each)…");
        report.Retrieve = await load.RunAsync("retrieve", rpc, accounts.Next, warmup, duration, cpu, cancellationToken);
        report.PeakResidentBytes = node.PeakResidentBytes;
        report.FinalResidentBytes = node.ResidentBytes;
    }
}
