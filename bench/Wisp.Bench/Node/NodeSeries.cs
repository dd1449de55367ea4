using Wisp.Bench.Storage;
using Wisp.Node.Hosting;

namespace Wisp.Bench.Node;

/// <summary>What one series measured: a fresh node (own process, fresh database) at one <c>--sync</c>.</summary>
internal sealed class SeriesResult(string sync)
{
    public string Sync { get; } = sync;
    public List<Measurement> Measures { get; } = [];
    public long IdleResidentBytes { get; set; }
    public long PeakResidentBytes { get; set; }
    public string StoreCheck { get; set; } = "";
}

/// <summary>
/// One series: <c>wisp node run --rate-limit 0 --sync S</c> on a fresh database, checked (info answers, a stored message
/// comes back), seeded (the retrieve accounts' 20 messages each), then for each measure a warm-up run of the same load
/// and the measured run.
/// </summary>
internal static class NodeSeries
{
    public static async Task<SeriesResult> RunAsync(NodeBenchOptions options, string sync, ILoadDriver driver, CancellationToken cancellationToken)
    {
        var result = new SeriesResult(sync);
        var directory = Path.Combine(Path.GetTempPath(), $"wisp-bench-node-{Guid.NewGuid():N}");
        try
        {
            await using var node = await BenchNode.StartAsync(directory, new StorageOptions { Sync = sync }, cancellationToken);
            var pid = node.ProcessId ?? throw new InvalidOperationException("The node did not run as its own process; its CPU cannot be read.");
            Console.WriteLine($"Series --sync {sync}: {node.How}");
            using var client = LoadGenerator.CreateClient(CertificatePin.CreateHandler(node.Certificate), options.Connections);
            var target = new LoadTarget(node.RpcUri, client);
            int[] pids = [pid];

            await StorageChecks.InfoAnswersAsync(client, node.RpcUri, cancellationToken);
            await StorageChecks.StoredMessageIsRetrievableAsync(client, node.RpcUri, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            result.IdleResidentBytes = ProcessCpu.Memory(pid).Resident;
            Console.WriteLine($"  checked (info 200, a stored message retrieved); idle RSS {result.IdleResidentBytes / 1048576.0:0} MB; "
                + $"seeding {options.RetrieveAccounts} accounts × {RetrieveAccounts.MessagesPerAccount} messages…");
            using var accounts = await RetrieveAccounts.FillAsync(client, node.RpcUri, options.RetrieveAccounts, options.Connections, cancellationToken);

            var warmup = TimeSpan.FromSeconds(options.WarmupSeconds);
            var duration = TimeSpan.FromSeconds(options.Seconds);
            if (options.Wants("info"))
            {
                IReadOnlyList<byte[]> info = [RequestBodies.Info];
                await driver.RunAsync("info warm-up", target, info, warmup, pids, null, cancellationToken);
                result.Measures.Add(Report(await driver.RunAsync("info", target, info, duration, pids, null, cancellationToken)));
            }
            if (options.Wants("store"))
            {
                var warm = await driver.RunAsync("store warm-up", target, Stores(options.WarmupSeconds * 6_000), warmup, pids, null, cancellationToken);
                var bodies = Stores(Expected(warm, options.Seconds));
                var before = (await StorageChecks.StatusAsync(client, node.Url, cancellationToken)).MessagesStoredTotal;
                var store = Report(await driver.RunAsync("store", target, bodies, duration, pids, null, cancellationToken));
                var after = (await StorageChecks.StatusAsync(client, node.Url, cancellationToken)).MessagesStoredTotal;
                if (store.Requests > bodies.Count) Console.WriteLine($"  ! {store.Requests:N0} stores sent but {bodies.Count:N0} bodies: some were repeated");
                // Every acknowledged store is committed: the node counts at least as many new messages as it answered 2xx
                // (as many as there were distinct bodies, if the run outgrew them: a repeated store is no new message).
                var distinct = Math.Min(store.Acknowledged, bodies.Count);
                StorageChecks.Require(after - before >= distinct,
                    $"the node counts {after - before} new messages but acknowledged {distinct} distinct stores");
                result.StoreCheck = $"{after - before:N0} new messages counted for {store.Acknowledged:N0} acknowledged stores";
                Console.WriteLine($"  store checked: {result.StoreCheck}");
                result.Measures.Add(store);
            }
            if (options.Wants("retrieve"))
            {
                accounts.SignNow();
                await driver.RunAsync("retrieve warm-up", target, Retrieves(accounts, options.RetrieveAccounts), warmup, pids, null, cancellationToken);
                // Signed again just before the measured run: a retrieve signature is good for ±60 s.
                accounts.SignNow();
                result.Measures.Add(Report(await driver.RunAsync("retrieve", target, Retrieves(accounts, options.RetrieveAccounts), duration, pids, null, cancellationToken)));
            }
            result.PeakResidentBytes = ProcessCpu.Memory(pid).Peak;
            return result;
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); }
            catch (IOException) { }
        }
    }

    /// <summary>
    /// Store bodies enough for <paramref name="seconds"/> at twice the rate the warm-up reached (a node still warming
    /// up goes faster after), and at least 5,000 a second.
    /// </summary>
    public static int Expected(Measurement warm, int seconds) =>
        (int)Math.Min(2_000_000, Math.Max(5_000, warm.RequestsPerSecond * 2) * seconds + 2_000);

    /// <summary><paramref name="count"/> stores of 300 random bytes, each to a new random account: every one a new message.</summary>
    public static IReadOnlyList<byte[]> Stores(int count)
    {
        var bodies = new byte[count][];
        Parallel.For(0, count, i => bodies[i] = RequestBodies.StoreToNewAccount());
        return bodies;
    }

    private static IReadOnlyList<byte[]> Retrieves(RetrieveAccounts accounts, int count) =>
        Enumerable.Range(0, count).Select(_ => accounts.Next()).ToArray();

    public static Measurement Report(Measurement measurement)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var figures = string.Create(invariant,
            $"  {measurement.Name,-14} {measurement.RequestsPerSecond,8:0} req/s  p50 {measurement.P50Ms:0.00} ms  p99 {measurement.P99Ms:0.00} ms  ");
        var cpu = string.Create(invariant,
            $"server {measurement.ServerMicrosecondsPerRequest:0} µs/req  driver {measurement.DriverCpuSeconds:0.0} s  other {measurement.OtherCpuSeconds:0.0} s  ");
        Console.WriteLine(figures + cpu + (measurement.AllOk ? "all 2xx" : $"{measurement.NotOk} not 2xx, {measurement.Errors} errors{measurement.StatusDetail}"));
        return measurement;
    }
}
