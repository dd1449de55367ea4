using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Network.Swarms;
using Wisp.Protocol.Storage;

namespace Wisp.Bench.Network;

/// <summary>
/// Store throughput with replication on a local network of node processes (<c>wisp up</c>, 12 nodes by default):
/// 16 concurrent connections send stores (300 B, namespace 0) for accounts spread over every swarm, each to a random
/// member of the account's swarm. Reports accepted stores/s and p50/p99 against the target (≥ 2,500/s, each on ≥ 5
/// nodes), then checks a sample of accepted messages: every one must be held by ≥ 5 nodes of its swarm.
/// </summary>
/// <remarks>
/// Options: <c>--nodes N</c> (12), <c>--connections N</c> (16), <c>--accounts N</c> (2000), <c>--warmup S</c> (3),
/// <c>--duration S</c> (15), <c>--sample N</c> (200). The machine's no-op Kestrel rate and a single node's store rate
/// are measured by the <c>storage</c> suite on the same machine.
/// </remarks>
public static class ReplicationBench
{
    private const double TargetStoresPerSecond = 2500;

    public static int Run(string[] args)
    {
        var nodes = Option(args, "--nodes", 12);
        var connections = Option(args, "--connections", 16);
        var accountCount = Option(args, "--accounts", 2000);
        var warmup = TimeSpan.FromSeconds(Option(args, "--warmup", 3));
        var duration = TimeSpan.FromSeconds(Option(args, "--duration", 15));
        var sample = Option(args, "--sample", 200);
        return RunAsync(nodes, connections, accountCount, warmup, duration, sample).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int nodes, int connections, int accountCount, TimeSpan warmup, TimeSpan duration, int sample)
    {
        Console.WriteLine($"Store with replication: {nodes}-node local network (wisp up, one process per node), {connections} connections, "
            + $"{accountCount} accounts, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        MachineInfo.PrintLoad("before");
        var folder = Path.Combine(Path.GetTempPath(), $"wisp-bench-network-{Guid.NewGuid():N}");
        try
        {
            var started = Stopwatch.StartNew();
            await using var network = await LocalNetworkUnderLoad.StartAsync(folder, nodes, connections);
            Console.WriteLine($"  {nodes} nodes healthy after {started.Elapsed.TotalSeconds:0.0} s; {network.Registry.Swarms.Swarms.Count} swarm(s) of "
                + string.Join("/", network.Registry.Swarms.Swarms.Select(s => s.Members.Count)));
            var accounts = Enumerable.Range(0, accountCount).Select(_ => Ed25519KeyPair.Generate()).ToArray();
            var swarmUrls = accounts.Select(a => network.Registry.Swarms.SwarmForAccount(a.AccountId)!.Members.Select(network.UrlOf).ToArray()).ToArray();

            var result = await LoadAsync(network, accounts, swarmUrls, connections, warmup, duration);
            var rate = result.Accepted / duration.TotalSeconds;
            Console.WriteLine();
            Console.WriteLine($"  accepted stores/s   {rate,10:N0}   (target ≥ {TargetStoresPerSecond:N0}: {(rate >= TargetStoresPerSecond ? "met" : "NOT met")})");
            Console.WriteLine($"  latency p50 / p99   {result.P50Ms,7:0.0} ms / {result.P99Ms:0.0} ms");
            Console.WriteLine($"  refused / failed    {result.Refused:N0} / {result.Failed:N0}");

            var (checkedCount, minHolders, belowFive) = await CheckReplicationAsync(network, accounts, swarmUrls, result.Acknowledged, sample);
            Console.WriteLine($"  replication check   {checkedCount} sampled accepted messages: fewest holders {minHolders}, {belowFive} on fewer than {SwarmLimits.MinSwarmSize} nodes");
            Console.WriteLine("  (the machine's no-op Kestrel rate and a single node's store rate: run the `storage` suite on this machine)");
            MachineInfo.PrintLoad("after");
            return belowFive == 0 && checkedCount > 0 ? 0 : 1;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        }
    }

    private sealed record LoadOutcome(long Accepted, double P50Ms, double P99Ms, long Refused, long Failed, IReadOnlyList<(int Account, string Hash)> Acknowledged);

    private static async Task<LoadOutcome> LoadAsync(
        LocalNetworkUnderLoad network, Ed25519KeyPair[] accounts, string[][] swarmUrls, int connections, TimeSpan warmup, TimeSpan duration)
    {
        var from = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var until = from + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var latencies = new ConcurrentBag<long>();
        var acknowledged = new ConcurrentBag<(int, string)>();
        long refused = 0, failed = 0;
        var payload = Convert.ToBase64String(RandomNumberGenerator.GetBytes(300));
        await Task.WhenAll(Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (Stopwatch.GetTimestamp() < until)
            {
                var index = random.Next(accounts.Length);
                var urls = swarmUrls[index];
                var body = $"{{\"method\":\"store\",\"params\":{{\"pubkey\":\"{accounts[index].AccountId.Hex}\",\"namespace\":0,"
                    + $"\"timestamp\":{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()},\"ttl\":3600000,\"data\":\"{payload}\"}}}}";
                var start = Stopwatch.GetTimestamp();
                var (status, hash) = await StoreAsync(network.Http, urls[random.Next(urls.Length)], body);
                var end = Stopwatch.GetTimestamp();
                var measured = start >= from && end <= until;
                if (status == 200)
                {
                    acknowledged.Add((index, hash!));
                    if (measured) latencies.Add(end - start);
                }
                else if (measured)
                {
                    if (status == 0) Interlocked.Increment(ref failed);
                    else Interlocked.Increment(ref refused);
                }
            }
        }))).ConfigureAwait(false);
        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        return new LoadOutcome(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), refused, failed, [.. acknowledged]);
    }

    private static async Task<(int Status, string? Hash)> StoreAsync(HttpClient http, string url, string body)
    {
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync($"{url}/storage_rpc/v1", content);
            if (!response.IsSuccessStatusCode) return ((int)response.StatusCode, null);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            return (200, document.RootElement.GetProperty("hash").GetString());
        }
        catch (HttpRequestException)
        {
            return (0, null);
        }
    }

    /// <summary>For a sample of accepted messages, how many members of the account's swarm hold each (signed retrieves).</summary>
    private static async Task<(int Checked, int MinHolders, int BelowFive)> CheckReplicationAsync(
        LocalNetworkUnderLoad network, Ed25519KeyPair[] accounts, string[][] swarmUrls, IReadOnlyList<(int Account, string Hash)> acknowledged, int sample)
    {
        var random = new Random(11);
        var picked = acknowledged.OrderBy(_ => random.Next()).Take(sample).ToList();
        var held = new Dictionary<(int, string), HashSet<string>>();
        int minHolders = int.MaxValue, belowFive = 0;
        foreach (var (account, hash) in picked)
        {
            var holders = 0;
            foreach (var url in swarmUrls[account])
            {
                if (!held.TryGetValue((account, url), out var hashes))
                    held[(account, url)] = hashes = await RetrieveAllAsync(network.Http, url, accounts[account]);
                if (hashes.Contains(hash)) holders++;
            }
            minHolders = Math.Min(minHolders, holders);
            if (holders < SwarmLimits.MinSwarmSize) belowFive++;
        }
        return (picked.Count, picked.Count == 0 ? 0 : minHolders, belowFive);
    }

    private static async Task<HashSet<string>> RetrieveAllAsync(HttpClient http, string url, Ed25519KeyPair account)
    {
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        string? lastHash = null;
        for (var page = 0; page < 1000; page++)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var parameters = new JsonObject
            {
                ["pubkey"] = account.AccountId.Hex,
                ["pubkey_ed25519"] = account.PublicKey.ToHex(),
                ["signature"] = Convert.ToBase64String(Ed25519.Sign(account, SignatureStrings.Retrieve(0, now))),
                ["namespace"] = 0,
                ["timestamp"] = now,
            };
            if (lastHash is not null) parameters["last_hash"] = lastHash;
            using var content = new StringContent(new JsonObject { ["method"] = "retrieve", ["params"] = parameters }.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync($"{url}/storage_rpc/v1", content);
            if (!response.IsSuccessStatusCode) return hashes;
            using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            foreach (var message in document.RootElement.GetProperty("messages").EnumerateArray())
                hashes.Add(lastHash = message.GetProperty("hash").GetString()!);
            if (!(document.RootElement.TryGetProperty("more", out var more) && more.ValueKind == JsonValueKind.True)) return hashes;
        }
        return hashes;
    }

    private static double Percentile(long[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))] * 1000.0 / Stopwatch.Frequency;

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
    }
}
