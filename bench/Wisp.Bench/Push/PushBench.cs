using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Wisp.Bench.Network;
using Wisp.Bench.Storage;
using Wisp.Crypto;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Push;
using Wisp.Protocol.Storage;

namespace Wisp.Bench.Push;

/// <summary>
/// Push notifications on a local network (<c>wisp up</c>, 20 nodes by default, and its push server): (a) time from a
/// store being sent to a node until the UnifiedPush endpoint (in this process) has the notification, p50/p95/p99
/// (target p95 ≤ 1 s); (b) the push server's RSS and CPU with 10,000 subscriptions: taking them, then idle.
/// Subscriptions go to the push server's HTTP API directly (the onion hop is the client's cost, not the server's).
/// </summary>
internal static class PushBench
{
    public const string Usage = "[--nodes 20] [--messages 100] [--subscriptions 10000] [--idle 10]";

    public static int Run(string[] args)
    {
        var nodes = Option(args, "--nodes", 20);
        var messages = Option(args, "--messages", 100);
        var subscriptions = Option(args, "--subscriptions", 10_000);
        var idle = Option(args, "--idle", 10);
        return RunAsync(nodes, messages, subscriptions, idle).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int nodeCount, int messages, int subscriptions, int idleSeconds)
    {
        MachineInfo.Print();
        Console.WriteLine($"Push: {nodeCount}-node local network (wisp up) and its push server; {messages} messages timed, then {subscriptions:N0} subscriptions.");
        var folder = Directory.CreateTempSubdirectory("wisp-push-bench").FullName;
        try
        {
            await using var network = await LocalNetworkUnderLoad.StartAsync(Path.Combine(folder, "network"), nodeCount, connections: 4);
            var run = Wisp.Protocol.Servers.ServerRunFile.TryParse(File.ReadAllBytes(Path.Combine(network.Folder, PushServerRunFile.LocalNetworkFolder, PushServerRunFile.FileName)))
                ?? throw new InvalidOperationException("wisp up wrote no push server run file.");
            using var push = new HttpClient { BaseAddress = new Uri(run.Url), Timeout = TimeSpan.FromSeconds(60) };
            var cpu = new CpuMeter(run.ProcessId);

            // (a) store → notification.
            using var account = Ed25519KeyPair.Generate();
            var encKey = RandomBytes.Get(32);
            await using var receiver = await PushBenchReceiver.StartAsync(encKey);
            await SubscribeAsync(push, [Subscribe(account, receiver.Endpoint, encKey)]);
            var swarm = network.Registry.Swarms.SwarmForAccount(account.AccountId)!.Members;
            var latencies = new List<double>();
            var missed = 0;
            for (var i = 0; i < messages + 5; i++)
            {
                var node = network.UrlOf(swarm[i % swarm.Count]);
                var data = Encoding.UTF8.GetBytes($"push bench message {i} {Guid.NewGuid()}");
                var started = Stopwatch.GetTimestamp();
                var hash = await StoreAsync(network.Http, node, account, data);
                var deadline = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
                long? arrived;
                while ((arrived = receiver.ArrivedAt(hash)) is null && Stopwatch.GetTimestamp() < deadline)
                    await Task.Delay(1);
                if (i < 5)
                    continue; // warm-up: connections, JIT
                if (arrived is { } at)
                    latencies.Add(Stopwatch.GetElapsedTime(started, at).TotalMilliseconds);
                else
                    missed++;
            }
            latencies.Sort();
            Console.WriteLine($"(a) store sent → notification at the endpoint, {latencies.Count} messages ({missed} not within 10 s): " +
                $"p50 {Percentile(latencies, 50):0.0} ms, p95 {Percentile(latencies, 95):0.0} ms (target ≤ 1000), p99 {Percentile(latencies, 99):0.0} ms, max {latencies.LastOrDefault():0.0} ms");

            // (b) 10,000 subscriptions: what taking them costs, then the idle cost of holding them.
            var rssBefore = RssMb(run.ProcessId);
            var before = cpu.Take();
            var clock = Stopwatch.StartNew();
            const int Batch = 100; // ~60 KB a request: under SPNS's 100,000-byte body limit
            for (var start = 0; start < subscriptions; start += Batch)
            {
                var batch = new List<byte[]>();
                for (var j = start; j < Math.Min(subscriptions, start + Batch); j++)
                {
                    using var subscriber = Ed25519KeyPair.Generate();
                    batch.Add(Subscribe(subscriber, $"http://127.0.0.1:9/bench/{j}", RandomBytes.Get(32)));
                }
                await SubscribeAsync(push, batch);
            }
            var taken = cpu.Take();
            Console.WriteLine($"(b) {subscriptions:N0} subscriptions taken in {clock.Elapsed.TotalSeconds:0.0} s; push server CPU {taken.Server - before.Server:0.00} s; " +
                $"RSS {rssBefore:0} MB → {RssMb(run.ProcessId):0} MB");
            await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
            var idle = cpu.Take();
            Console.WriteLine($"    holding them, idle {idleSeconds} s: push server CPU {(idle.Server - taken.Server) / idleSeconds * 100:0.0} % of a core, RSS {RssMb(run.ProcessId):0} MB" +
                $" (machine busy {(idle.MachineBusy - taken.MachineBusy) / idleSeconds / Environment.ProcessorCount * 100:0} %)");
            MachineInfo.PrintLoad("after");
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // a node still closing its files; the temporary folder goes with the next reboot
            }
        }
    }

    private static byte[] Subscribe(Ed25519KeyPair account, string endpoint, byte[] encKey)
    {
        var pubkey = StoragePubkey.FromBytes(account.AccountId.Bytes);
        var sigTs = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        short[] namespaces = [0];
        var signature = Ed25519.Sign(account, PushSigning.Monitor(pubkey, sigTs, true, namespaces));
        using var info = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["endpoint"] = endpoint }));
        var auth = new PushAuth(pubkey, account.PublicKey.Span.ToArray(), null, null, sigTs, signature, PushRoutes.UnifiedPush, info.RootElement.Clone());
        return new SubscribeRequest(auth, namespaces, true, encKey).ToJson();
    }

    private static async Task SubscribeAsync(HttpClient push, List<byte[]> requests)
    {
        // One object, or an array of them (SPNS takes both); the replies come back in the same order.
        var body = requests.Count == 1 ? requests[0] : Encoding.UTF8.GetBytes("[" + string.Join(',', requests.Select(r => Encoding.UTF8.GetString(r))) + "]");
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var response = await push.PostAsync(PushRoutes.Subscribe, content);
        var replies = PushReply.TryParseBody(await response.Content.ReadAsByteArrayAsync());
        if (replies is null || replies.Any(r => !r.Success))
            throw new InvalidOperationException($"the push server refused a subscription: {replies?.FirstOrDefault(r => !r.Success)?.Message ?? response.StatusCode.ToString()}");
    }

    private static async Task<string> StoreAsync(HttpClient http, string node, Ed25519KeyPair account, byte[] data)
    {
        using var content = new ByteArrayContent(RequestBodies.Store(account.AccountId.Hex, data, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        using var response = await http.PostAsync($"{node}/storage_rpc/v1", content);
        response.EnsureSuccessStatusCode();
        using var reply = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return reply.RootElement.GetProperty("hash").GetString()!;
    }

    private static double RssMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    private static double Percentile(List<double> sorted, int p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
