using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Wisp.Bench.Storage;
using Wisp.Crypto.Keys;
using Wisp.Node.Hosting;
using Wisp.Protocol.Groups;
using Wisp.Protocol.Storage;

namespace Wisp.Bench.Groups;

/// <summary>
/// <c>groups [--sizes 10,100,1000] [--connections 64] [--max-size 307200] [--in-process]</c>: for each group size, the keys message's size
/// (beside the 76,800-byte store limit and Session's 100-member limit), the admin's time to rotate the key and to
/// make every member's grant, and on a real node over HTTPS one group message stored once and read by N pollers
/// at once (each with its own subaccount), with the node's CPU per group message.
/// </summary>
internal static class GroupsBench
{
    private const int SessionMemberLimit = 100;

    public static int Run(string[] args)
    {
        var sizes = new[] { 10, 100, 1000 };
        var connections = 64;
        var inProcess = false;
        // A poller's max_size (bytes): small enough that the node builds the answer without its large-answer gate
        // (2 lanes for answers that may reach 1 MiB); 0 sends none, as Wisp's and Session's clients poll today.
        var maxSize = 4 * StorageLimits.MaxMessageBytes;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--sizes" when i + 1 < args.Length: sizes = [.. args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))]; break;
                case "--connections" when i + 1 < args.Length: connections = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--in-process": inProcess = true; break;
                case "--max-size" when i + 1 < args.Length: maxSize = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"groups: unknown option '{args[i]}'");
                    return 2;
            }
        }
        MachineInfo.Print();
        Console.WriteLine($"Limits: store {StorageLimits.MaxMessageBytes:N0} B a message; Session's clients {SessionMemberLimit} members; Wisp's ceiling {GroupKeyLimits.MaxMembers:N0}.");
        Console.WriteLine();
        var rows = sizes.Select(n => (n, GroupKeysFigures.Measure(n))).ToList();
        GroupKeysFigures.PrintCeiling();
        Console.WriteLine();
        var fanOut = RunNodeAsync(sizes, connections, inProcess, maxSize).GetAwaiter().GetResult();

        Console.WriteLine();
        Console.WriteLine("| members | keys message | of store limit | rotate (make keys message) | grants for all | unwrap (one member) | store → N pollers have it (p50) | node CPU per group message | node CPU per retrieve |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (n, keys) in rows)
        {
            var f = fanOut[n];
            Console.WriteLine($"| {n:N0}{(n > SessionMemberLimit ? " (> Session's 100)" : "")} | {keys.MessageBytes:N0} B | {100.0 * keys.MessageBytes / StorageLimits.MaxMessageBytes:F1} % | {keys.RekeyMs:F1} ms | {keys.GrantsMs:F1} ms | {keys.UnwrapMs:F3} ms | {f.FanOutMs:F1} ms | {f.CpuMsPerMessage:F1} ms | {f.CpuMsPerRetrieve:F3} ms |");
        }
        return 0;
    }

    private static async Task<Dictionary<int, FanOut>> RunNodeAsync(int[] sizes, int connections, bool inProcess, int maxSize)
    {
        var data = Directory.CreateTempSubdirectory("wisp-bench-groups-");
        try
        {
            await using var node = await BenchNode.StartAsync(data.FullName, new StorageOptions { InProcess = inProcess }, CancellationToken.None);
            Console.WriteLine($"Node: {node.How} at {node.Url} (per-IP rate limit lifted)");
            using var client = LoadGenerator.CreateClient(CertificatePin.CreateHandler(node.Certificate), connections);
            var cpu = new CpuMeter(node.ProcessId);
            var results = new Dictionary<int, FanOut>();
            foreach (var n in sizes)
                results[n] = await FanOutAsync(client, node.RpcUri, cpu, n, connections, maxSize);
            return results;
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private sealed record FanOut(double FanOutMs, double CpuMsPerMessage, double CpuMsPerRetrieve);

    /// <summary>One group of n members on the node: checked end to end, then store-and-fan-out rounds measured.</summary>
    private static async Task<FanOut> FanOutAsync(HttpClient client, Uri rpc, CpuMeter cpu, int n, int connections, int maxSize)
    {
        using var group = Ed25519KeyPair.Generate();
        var members = Enumerable.Range(0, n).Select(_ => Ed25519KeyPair.Generate()).ToList();
        try
        {
            var grants = members.Select(m => GroupSubaccount.Make(group, m.AccountId)).ToList();
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var rekey = GroupKeys.Rekey(group, members.Select(m => m.AccountId), 0);
            await PostOkAsync(client, rpc, GroupRequests.AdminStore(group, Namespaces.GroupKeys, rekey.Message, now));

            // Check first: the last member reads the keys message from the node, unwraps its key, and decrypts a message.
            var ring = new GroupKeyring(group.PublicKey);
            foreach (var (_, data, timestamp) in await RetrieveAsync(client, rpc, GroupRequests.MemberRetrieve(group, members[^1], grants[^1], Namespaces.GroupKeys, now, null)))
                ring.Load(data, timestamp, members[^1]);
            Require(ring.Current is not null, $"member {n} could not unwrap its key from the stored keys message");
            var text = "one message for the whole group"u8.ToArray();
            var hash = await PostOkAsync(client, rpc, GroupRequests.AdminStore(group, Namespaces.GroupMessages, GroupMessage.Encrypt(rekey.Key, group, text), now));
            var check = await RetrieveAsync(client, rpc, GroupRequests.MemberRetrieve(group, members[^1], grants[^1], Namespaces.GroupMessages, now, null));
            var opened = GroupMessage.Decrypt(ring.Keys, Require1(check, hash).Data);
            Require(opened.Ok && opened.Data!.AsSpan().SequenceEqual(text), $"member {n} could not read the group message: {opened.Error}");
            Console.WriteLine($"Group of {n:N0}: checked — a member unwraps its key from the node's copy of the keys message and reads the group message.");

            // Each round: one message stored once, then n pollers (each its own subaccount) retrieve after the previous hash.
            var rounds = Math.Max(3, 2000 / n);
            var fanOuts = new List<double>();
            double cpuSeconds = 0;
            for (var round = -1; round < rounds; round++)
            {
                now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var previous = hash;
                var retrieves = members.Select((m, i) => GroupRequests.MemberRetrieve(group, m, grants[i], Namespaces.GroupMessages, now, previous, maxSize)).ToList();
                var store = GroupRequests.AdminStore(group, Namespaces.GroupMessages, GroupMessage.Encrypt(rekey.Key, group, text), now);
                var before = cpu.Take();
                var started = Stopwatch.GetTimestamp();
                hash = await PostOkAsync(client, rpc, store);
                var answers = await Task.WhenAll(retrieves.Select(body => RetrieveAsync(client, rpc, body)));
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var after = cpu.Take();
                foreach (var answer in answers)
                    Require1(answer, hash);
                if (round < 0)
                    continue; // warm-up: opens the connections
                fanOuts.Add(elapsed);
                cpuSeconds += after.Server - before.Server;
            }
            fanOuts.Sort();
            var perMessage = cpuSeconds * 1000 / rounds;
            Console.WriteLine($"Group of {n:N0}: {rounds} rounds of 1 store + {n:N0} retrieves (max_size {(maxSize > 0 ? maxSize.ToString("N0", CultureInfo.InvariantCulture) : "none")}) over up to {Math.Min(n, connections)} connections; every poller got exactly the new message ({s_busy} busy answers retried so far).");
            return new FanOut(fanOuts[fanOuts.Count / 2], perMessage, perMessage / (n + 1));
        }
        finally
        {
            foreach (var member in members)
                member.Dispose();
        }
    }

    private static (string Hash, byte[] Data, long Timestamp) Require1(List<(string Hash, byte[] Data, long Timestamp)> messages, string hash)
    {
        Require(messages.Count == 1 && messages[0].Hash == hash, $"a poller got {messages.Count} messages, not the one just stored");
        return messages[0];
    }

    private static async Task<string> PostOkAsync(HttpClient client, Uri rpc, byte[] body)
    {
        var (status, answer) = await LoadGenerator.PostAsync(client, rpc, body, CancellationToken.None);
        Require(status == 200, $"store answered {status}: {System.Text.Encoding.UTF8.GetString(answer)}");
        using var json = JsonDocument.Parse(answer);
        return json.RootElement.GetProperty("hash").GetString()!;
    }

    /// <summary>503s answered to all pollers together (one loopback client stands for N devices; the node caps one client's concurrency).</summary>
    private static int s_busy;

    private static async Task<List<(string Hash, byte[] Data, long Timestamp)>> RetrieveAsync(HttpClient client, Uri rpc, byte[] body)
    {
        var (status, answer) = await LoadGenerator.PostAsync(client, rpc, body, CancellationToken.None);
        for (var attempt = 0; status == 503 && attempt < 20; attempt++)
        {
            Interlocked.Increment(ref s_busy);
            await Task.Delay(5 * (attempt + 1));
            (status, answer) = await LoadGenerator.PostAsync(client, rpc, body, CancellationToken.None);
        }
        Require(status == 200, $"retrieve answered {status}: {System.Text.Encoding.UTF8.GetString(answer)}");
        using var json = JsonDocument.Parse(answer);
        return [.. json.RootElement.GetProperty("messages").EnumerateArray().Select(m => (
            m.GetProperty("hash").GetString()!,
            Convert.FromBase64String(m.GetProperty("data").GetString()!),
            m.GetProperty("timestamp").GetInt64()))];
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
            throw new InvalidOperationException($"groups bench check failed: {problem}");
    }
}
