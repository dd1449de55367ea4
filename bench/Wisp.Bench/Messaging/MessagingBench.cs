using System.Diagnostics;
using System.Globalization;
using Wisp.Bench.Network;
using Wisp.Client.Messaging;
using Wisp.Crypto.Keys;

namespace Wisp.Bench.Messaging;

/// <summary>
/// Delivery on a local network of node processes (<c>wisp up</c>, 20 nodes by default), two accounts in this process,
/// every request through onion paths, one clock for both ends (no skew):
/// (a) send → receive latency, from <see cref="Wisp.Client.Front.ClientConversations.Send"/> to the recipient's <c>MessageArrived</c>, with the
/// waiting retrieve (target, DESIGN §4: p50 ≤ 50 ms, p99 ≤ 250 ms) and with interval polling only (the fallback);
/// (b) messages/s one client sends (queued until its store is confirmed), one at a time and with a few at once;
/// (c) this process's RSS. Beside them, as the floor: one onion store and one onion retrieve, in the same run.
/// Every message must arrive exactly once with its content, or the run fails.
/// </summary>
/// <remarks>
/// Options: <c>--nodes N</c> (20), <c>--messages N</c> (200, with the waiting retrieve), <c>--polled N</c> (100, polling
/// only: each costs about one poll interval), <c>--sends N</c> (200), <c>--concurrency N</c> (4), <c>--floor N</c> (100).
/// </remarks>
public static class MessagingBench
{
    private const double TargetP50Ms = 50;
    private const double TargetP99Ms = 250;

    public static int Run(string[] args)
    {
        var options = new DeliveryOptions(
            Nodes: Option(args, "--nodes", 20), Messages: Option(args, "--messages", 200), Polled: Option(args, "--polled", 100),
            Sends: Option(args, "--sends", 200), Concurrency: Option(args, "--concurrency", 4), Floor: Option(args, "--floor", 100));
        return RunAsync(options).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(DeliveryOptions options)
    {
        Console.WriteLine($"Delivery: {options.Nodes}-node local network (wisp up, one process per node), two accounts in this process, "
            + "every request through a 3-hop onion path");
        MachineInfo.Print();
        MachineInfo.PrintLoad("before");
        var folder = Path.Combine(Path.GetTempPath(), $"wisp-bench-messaging-{Guid.NewGuid():N}");
        var home = Path.Combine(folder, "home");
        try
        {
            var started = Stopwatch.StartNew();
            await using var network = await LocalNetworkUnderLoad.StartAsync(Path.Combine(folder, "network"), options.Nodes, connections: 2);
            Console.WriteLine($"  {options.Nodes} nodes healthy after {started.Elapsed.TotalSeconds:0.0} s; {network.Registry.Swarms.Swarms.Count} swarm(s) of "
                + string.Join("/", network.Registry.Swarms.Swarms.Select(s => s.Members.Count)));

            var cpu = new PhaseCpu(network.UpPid);
            await using var alice = BenchAccount.Create(home, network.Folder, "alice", canWait: true);
            alice.Start();
            var delivery = new DeliveryRun(alice);

            // Correctness first, on a fresh recipient: every message arrives once, with its content.
            await using (var check = BenchAccount.Create(home, network.Folder, "check", canWait: true))
            {
                var checkedResult = await delivery.MeasureAsync(check, 20, warmup: 0, maxGap: TimeSpan.FromMilliseconds(50));
                Require(checkedResult.Lost == 0 && checkedResult.Unexpected == 0, $"all 20 check messages arrive exactly once ({checkedResult.Lost} lost, {checkedResult.Unexpected} unexpected)");
                Console.WriteLine("  check: 20 messages sent and received exactly once, content equal");
            }

            cpu.Start();
            var floor = await FloorAsync(alice, options.Floor);
            Report(cpu, "floor");
            var waiting = await ModeAsync(delivery, home, network.Folder, "waiting", canWait: true, options.Messages, TimeSpan.FromMilliseconds(200));
            Report(cpu, "waiting retrieve");
            var polling = await ModeAsync(delivery, home, network.Folder, "polling", canWait: false, options.Polled, MessagingLimits.PollInterval);
            Report(cpu, "interval polling");
            var sendRates = await new SendRun(alice).MeasureAsync(options.Sends, options.Concurrency);
            Report(cpu, "sends");

            Console.WriteLine();
            Console.WriteLine($"  floor: onion store round trip      {Summary(floor.Store)}");
            Console.WriteLine($"  floor: onion retrieve round trip   {Summary(floor.Retrieve)}");
            Console.WriteLine($"  (a) send → MessageArrived, waiting retrieve ({waiting.Latencies.Length} messages): {Summary(waiting.Latencies)}");
            Console.WriteLine($"      target p50 ≤ {TargetP50Ms} ms: {Met(Percentile(waiting.Latencies, 0.5) <= TargetP50Ms)}; "
                + $"p99 ≤ {TargetP99Ms} ms: {Met(Percentile(waiting.Latencies, 0.99) <= TargetP99Ms)}");
            Console.WriteLine($"      {Diagnosis(waiting)}");
            Console.WriteLine($"      interval polling only ({polling.Latencies.Length} messages, every {MessagingLimits.PollInterval.TotalSeconds:0} s): {Summary(polling.Latencies)}");
            Console.WriteLine($"      {Diagnosis(polling)}");
            Console.WriteLine($"  (b) messages/s one client sends (queued → store confirmed): one at a time {sendRates.Sequential:0.0}/s "
                + $"(p50 {Percentile(sendRates.SequentialTimes, 0.5):0.0} ms each), {options.Concurrency} at a time {sendRates.Concurrent:0.0}/s");
            using var self = Process.GetCurrentProcess();
            Console.WriteLine($"  (c) this process (two accounts, each a swarm client, database and messaging service): RSS {Environment.WorkingSet / 1048576.0:0} MB, "
                + $"peak {self.PeakWorkingSet64 / 1048576.0:0} MB, managed heap {GC.GetTotalMemory(false) / 1048576.0:0} MB");
            return 0;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        }
    }

    /// <summary>One delivery mode on a fresh recipient: the latencies, after a short warm-up (paths, guards, JIT).</summary>
    private static async Task<DeliveryResult> ModeAsync(DeliveryRun delivery, string home, string networkFolder, string mode, bool canWait, int count, TimeSpan maxGap)
    {
        await using var recipient = BenchAccount.Create(home, networkFolder, mode, canWait);
        var result = await delivery.MeasureAsync(recipient, count, warmup: 5, maxGap);
        Require(result.Lost == 0 && result.Unexpected == 0, $"every {mode} message arrives exactly once ({result.Lost} lost, {result.Unexpected} unexpected)");
        return result;
    }

    /// <summary>Prints the phase's CPU split and the load, and starts the next phase.</summary>
    private static void Report(PhaseCpu cpu, string phase)
    {
        Console.WriteLine($"  {phase}: {cpu.Describe()}; load average (1 min) {MachineInfo.LoadAverage}");
        cpu.Start();
    }

    /// <summary>The floor: one onion store (to an account nobody reads) and one onion retrieve, one after another.</summary>
    private static async Task<(double[] Store, double[] Retrieve)> FloorAsync(BenchAccount account, int count)
    {
        using var nobody = Ed25519KeyPair.Generate();
        var data = new byte[400];
        var store = new double[count];
        var retrieve = new double[count];
        for (var i = -5; i < count; i++)
        {
            BitConverter.TryWriteBytes(data, i);
            var started = Stopwatch.GetTimestamp();
            var stored = await account.Client.StoreAsync(nobody.AccountId, 0, data, TimeSpan.FromHours(1), signer: null, CancellationToken.None);
            var storeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Require(stored.Ok && stored.Value!.Confirmed > 0, $"an onion store is confirmed ({stored.Error?.Message})");
            started = Stopwatch.GetTimestamp();
            var read = await account.Client.RetrieveAsync(nobody, 0, null, CancellationToken.None);
            var retrieveMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Require(read.Ok, $"an onion retrieve answers ({read.Error?.Message})");
            if (i >= 0)
                (store[i], retrieve[i]) = (storeMs, retrieveMs);
        }
        Array.Sort(store);
        Array.Sort(retrieve);
        return (store, retrieve);
    }

    internal static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];

    private static string Summary(double[] sorted) =>
        $"p50 {Percentile(sorted, 0.5):0.0} ms, p99 {Percentile(sorted, 0.99):0.0} ms, max {sorted[^1]:0.0} ms";

    private static string Diagnosis(DeliveryResult result) =>
        $"recipient: {result.Retrieves} retrieves, {result.EarlyEmpty} waiting ones answered early and empty, {result.PollFailures} failed; slowest (arrived / sender's store confirmed, ms): "
        + string.Join(", ", result.Slowest.Select(s => $"{s.Arrived:0} / {s.Confirmed:0}"));

    private static string Met(bool met) => met ? "met" : "NOT met";

    internal static void Require(bool condition, string what)
    {
        if (!condition)
            throw new InvalidOperationException($"Correctness check failed: {what}.");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
    }

    private sealed record DeliveryOptions(int Nodes, int Messages, int Polled, int Sends, int Concurrency, int Floor);
}
