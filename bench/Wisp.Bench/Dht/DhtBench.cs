using System.Diagnostics;
using System.Globalization;
using Wisp.Crypto.Keys;
using Wisp.Dht;
using Wisp.Dht.Transport;
using Wisp.Protocol.Dht;

namespace Wisp.Bench.Dht;

/// <summary>
/// The DHT on a seeded simulated network of N persistent nodes (1,000 by default) in this process: time to join them
/// all, then lookups of random targets from random nodes: hops to the closest node, requests sent, wall time, and
/// whether each found the true k closest (checked against a sort of every node's id); then announce + lookup of a
/// topic between two clients. The simulated network has no latency of its own, so the times are CPU and scheduling
/// cost; on a real network add a round trip per hop.
/// </summary>
internal static class DhtBench
{
    public const string Usage = "[--nodes 1000] [--lookups 200] [--seed 1] [--loss-percent 0]";

    public static int Run(string[] args)
    {
        var nodes = Option(args, "--nodes", 1000);
        var lookups = Option(args, "--lookups", 200);
        var seed = Option(args, "--seed", 1);
        var loss = Option(args, "--loss-percent", 0) / 100.0;
        return RunAsync(nodes, lookups, seed, loss).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int count, int lookups, int seed, double loss)
    {
        MachineInfo.Print();
        Console.WriteLine($"DHT: {count:N0} simulated persistent nodes (seed {seed}, loss {loss:P0}), {lookups} lookups of random targets from random nodes.");
        var join = Stopwatch.StartNew();
        await using var dht = await SimulatedDht.StartAsync(count, seed, loss);
        join.Stop();
        var tables = dht.Nodes.Select(n => n.RoutingTableSize).ToList();
        Console.WriteLine($"Join: {join.Elapsed.TotalSeconds:F1} s for all nodes; routing tables min {tables.Min()} / mean {tables.Average():F0} / max {tables.Max()} nodes; {dht.Network.Delivered:N0} datagrams.");

        var random = new Random(seed);
        var ids = dht.Nodes.Select(n => n.Id).ToList();
        var hops = new List<double>();
        var requests = new List<double>();
        var millis = new List<double>();
        var exact = 0;
        for (var i = 0; i < lookups; i++)
        {
            var target = DhtId.Hash(BitConverter.GetBytes(random.NextInt64()));
            var from = dht.Nodes[random.Next(1, count)];
            var watch = Stopwatch.StartNew();
            var result = await from.QueryAsync(target, DhtCommand.FindNode, null, CancellationToken.None);
            watch.Stop();
            var expected = ids.Where(id => id != from.Id).OrderBy(id => id, Comparer<DhtId>.Create(target.CompareDistance)).Take(Limits.K);
            if (expected.SequenceEqual(result.Closest.Select(c => c.Id))) exact++;
            hops.Add(result.Hops);
            requests.Add(result.Requests);
            millis.Add(watch.Elapsed.TotalMilliseconds);
        }
        hops.Sort();
        requests.Sort();
        millis.Sort();
        Console.WriteLine($"Lookups: {exact}/{lookups} found the true {Limits.K} closest.");
        Console.WriteLine($"  hops to the closest node  p50 {Percentile(hops, 50)}  p95 {Percentile(hops, 95)}  max {hops[^1]}   (log2(N/k) = {Math.Log2(count / (double)Limits.K):F1})");
        Console.WriteLine($"  requests per lookup       p50 {Percentile(requests, 50)}  p95 {Percentile(requests, 95)}  max {requests[^1]}   (cap {Limits.MaxQueryRequests})");
        Console.WriteLine($"  time per lookup           p50 {Percentile(millis, 50):F1} ms  p99 {Percentile(millis, 99):F1} ms  (no simulated latency)");

        await using var announcer = await dht.ClientAsync();
        await using var seeker = await dht.ClientAsync();
        using var keys = Ed25519KeyPair.Generate();
        var topic = DhtId.Hash("bench topic"u8);
        var announce = Stopwatch.StartNew();
        var stored = await announcer.AnnounceAsync(topic, keys, [], CancellationToken.None);
        announce.Stop();
        var lookup = Stopwatch.StartNew();
        var found = await seeker.LookupAsync(topic, CancellationToken.None);
        lookup.Stop();
        Console.WriteLine($"Announce (query + signed commit): stored at {stored} nodes in {announce.Elapsed.TotalMilliseconds:F0} ms; lookup from another client found {found.Count} peer(s) in {lookup.Elapsed.TotalMilliseconds:F0} ms.");
        return exact == lookups && found.Count == 1 ? 0 : 1;
    }

    private static double Percentile(List<double> sorted, int p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
