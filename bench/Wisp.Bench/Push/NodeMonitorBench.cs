using System.Diagnostics;
using System.Text;
using Wisp.Bench.Storage;
using Wisp.Crypto.Keys;
using Wisp.Node.Hosting;
using Wisp.Protocol.Monitor;

namespace Wisp.Bench.Push;

/// <summary>
/// A node holding many monitor subscriptions (default 10,000 over 4 connections): its RSS before and after, the CPU
/// its subscribing took, and store throughput and node CPU per store in three phases — no subscriptions, stores to
/// accounts nobody watches while the subscriptions are held, and stores to watched accounts (one notification each,
/// every one counted at the subscribers). CPU per notification = the last phase's CPU per store minus the first's.
/// </summary>
internal static class NodeMonitorBench
{
    public const string Usage = "[--subscriptions 10000] [--connections 4] [--stores 3000] [--concurrency 8] [--in-process]";

    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        int subscriptions = Option(args, "--subscriptions", 10_000), connections = Option(args, "--connections", 4);
        int stores = Option(args, "--stores", 3000), concurrency = Option(args, "--concurrency", 8);
        MachineInfo.Print();
        var data = Directory.CreateTempSubdirectory("wisp-bench-push-node-");
        try
        {
            await using var node = await BenchNode.StartAsync(data.FullName, new StorageOptions { InProcess = args.Contains("--in-process") }, CancellationToken.None);
            Console.WriteLine($"Node: {node.How} at {node.Url}");
            using var client = LoadGenerator.CreateClient(CertificatePin.CreateHandler(node.Certificate), concurrency);
            var cpu = new CpuMeter(node.ProcessId);

            var inProcess = args.Contains("--in-process");
            var accounts = Enumerable.Range(0, subscriptions).Select(_ => Ed25519KeyPair.Generate()).ToList();
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var requests = accounts.Select(a => MonitorSubscribeRequest.Sign(a, [0], wantData: false, now)).ToList();
            await StoreAllAsync(client, node.RpcUri, Accounts(2000), concurrency); // warm-up: JIT, pages, connections
            var before = await PhaseAsync("no subscriptions", client, node.RpcUri, cpu, Accounts(stores), concurrency);
            var (idle, idleHeap) = (await SettledRssAsync(node), inProcess ? GC.GetTotalMemory(forceFullCollection: true) : 0);

            var subscribers = new List<NodeMonitorSubscriber>();
            for (var i = 0; i < connections; i++) subscribers.Add(await NodeMonitorSubscriber.ConnectAsync(node.Url, node.Certificate));
            var subscribeStart = cpu.Take();
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(subscribers.Select((s, i) => s.SubscribeAsync(requests.Where((_, j) => j % connections == i).ToList(), perFrame: 1000)));
            var subscribeCpu = cpu.Take().Server - subscribeStart.Server;
            Console.WriteLine($"Subscribed {subscriptions:N0} accounts over {connections} connections in {clock.Elapsed.TotalSeconds:F2} s; node CPU {subscribeCpu * 1e6 / subscriptions:F0} µs per subscription (signature check included)");
            var (held, heldHeap) = (await SettledRssAsync(node), inProcess ? GC.GetTotalMemory(forceFullCollection: true) : 0);
            foreach (var s in subscribers) s.StartCounting();

            var quiet = await PhaseAsync($"{subscriptions:N0} subscriptions, stores to unwatched accounts", client, node.RpcUri, cpu, Accounts(stores), concurrency);
            var watched = Enumerable.Range(0, stores).Select(i => accounts[i % accounts.Count].AccountId.Hex).ToArray();
            var notifying = await PhaseAsync($"{subscriptions:N0} subscriptions, stores to watched accounts", client, node.RpcUri, cpu, watched, concurrency);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (subscribers.Sum(s => s.Notifications) < stores && DateTime.UtcNow < deadline) await Task.Delay(50);
            var notified = subscribers.Sum(s => s.Notifications);
            foreach (var s in subscribers) await s.DisposeAsync();
            await Task.Delay(1000);
            var after = await PhaseAsync("subscribers gone again", client, node.RpcUri, cpu, Accounts(stores), concurrency);

            Console.WriteLine();
            Console.WriteLine("| phase | stores/s | node CPU per store |");
            Console.WriteLine("|---|---|---|");
            foreach (var p in new[] { before, quiet, notifying, after })
                Console.WriteLine($"| {p.Name} | {p.PerSecond:N0} | {p.CpuMicrosPerStore:F0} µs |");
            Console.WriteLine();
            Console.WriteLine($"Notifications received: {notified:N0} of {stores:N0} watched stores");
            Console.WriteLine($"Node CPU per notification (watched minus unwatched, per store, subscriptions held in both): {notifying.CpuMicrosPerStore - quiet.CpuMicrosPerStore:F0} µs");
            if (idle is { } i0 && held is { } h)
                Console.WriteLine($"Node RSS (settled 15 s): {i0 / 1048576.0:F1} MiB before subscribing, {h / 1048576.0:F1} MiB holding {subscriptions:N0} subscriptions (+{(h - i0) / 1048576.0:F1} MiB)");
            if (inProcess)
                Console.WriteLine($"Managed heap after a full GC (bench and node share the process): +{(heldHeap - idleHeap) / 1048576.0:F1} MiB holding {subscriptions:N0} subscriptions ({(heldHeap - idleHeap) / (double)subscriptions:F0} B each)");
            return notified >= stores ? 0 : 1;
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static string[] Accounts(int count) => Enumerable.Range(0, count).Select(_ => RandomAccount()).ToArray();

    // The node gives memory back after a burst within about 10 s (InFlightMemoryReturn): read RSS after that.
    private static async Task<long?> SettledRssAsync(BenchNode node)
    {
        await Task.Delay(TimeSpan.FromSeconds(15));
        return node.ResidentBytes;
    }

    private sealed record Phase(string Name, double PerSecond, double CpuMicrosPerStore);

    private static async Task<Phase> PhaseAsync(string name, HttpClient client, Uri rpc, CpuMeter cpu, string[] accounts, int concurrency)
    {
        var start = cpu.Take();
        var clock = Stopwatch.StartNew();
        await StoreAllAsync(client, rpc, accounts, concurrency);
        var seconds = clock.Elapsed.TotalSeconds;
        var used = cpu.Take().Server - start.Server;
        var phase = new Phase(name, accounts.Length / seconds, used * 1e6 / accounts.Length);
        Console.WriteLine($"  {name}: {phase.PerSecond:N0} stores/s, {phase.CpuMicrosPerStore:F0} µs node CPU per store");
        return phase;
    }

    private static async Task StoreAllAsync(HttpClient client, Uri rpc, string[] accounts, int concurrency)
    {
        var next = -1;
        var payload = Convert.ToBase64String(new byte[100]);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < accounts.Length)
            {
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var body = $"{{\"method\":\"store\",\"params\":{{\"pubkey\":\"{accounts[i]}\",\"timestamp\":{now},\"ttl\":3600000,\"data\":\"{payload}\"}}}}";
                using var response = await client.PostAsync(rpc, new StringContent(body, Encoding.UTF8, "application/json"));
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"store answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }));
    }

    private static string RandomAccount() => "05" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;
    }
}
