using System.Diagnostics;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;
using Wisp.Network.Swarms;

namespace Wisp.Bench.Network;

/// <summary>
/// Swarm assignment: (a) the time to replay 10,000 registry changes, and (b) how much data a join and a leave move
/// on networks of 12, 100 and 1,000 nodes, against the least any scheme could move. Each part checks correctness
/// before it reports (replay equals the incremental map; every active node in one swarm).
/// </summary>
/// <remarks>
/// Options: <c>--changes N</c> (10000), <c>--accounts N</c> (100000), <c>--trials N</c> (40; 10 for 1,000 nodes).
/// Accounts are uniform points on the u64 ring. "Data" is replica copies: one account's messages on one node.
/// </remarks>
public static class SwarmAssignmentBench
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);
    private static readonly List<Ed25519PublicKey> Keys = [];

    public static int Run(string[] args)
    {
        var changes = Option(args, "--changes", 10_000);
        var accounts = Option(args, "--accounts", 100_000);
        var trials = Option(args, "--trials", 40);

        Console.WriteLine($"Swarm assignment (Wisp.Network), {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine();
        if (!ReplayBenchmark(changes))
            return 1;
        Console.WriteLine();
        DataMovedBenchmark(accounts, trials);
        return 0;
    }

    private static bool ReplayBenchmark(int changes)
    {
        var random = new Random(7);
        var ledger = new RegistryLedger();
        var active = new List<int>();
        var next = 0;
        var build = Stopwatch.StartNew();
        for (var i = 0; i < changes; i++)
        {
            // 70% joins, 30% leaves: the network grows to about 0.4 × changes nodes.
            if (active.Count < 10 || random.Next(10) < 7)
            {
                Append(ledger, Join(next));
                active.Add(next++);
            }
            else
            {
                var at = random.Next(active.Count);
                Append(ledger, new NodeLeave(Key(active[at])));
                active.RemoveAt(at);
            }
        }
        build.Stop();

        var best = TimeSpan.MaxValue;
        SwarmMap replayed = SwarmMap.Empty;
        for (var run = 0; run < 5; run++)
        {
            var timer = Stopwatch.StartNew();
            replayed = SwarmAssignment.Replay(ledger.History);
            timer.Stop();
            if (timer.Elapsed < best)
                best = timer.Elapsed;
        }
        if (!replayed.Equals(ledger.Swarms) || replayed.NodeCount != active.Count)
        {
            Console.WriteLine("FAILED: the replayed map differs from the incremental one.");
            return false;
        }

        Console.WriteLine($"(a) Replay of {changes:N0} registry changes ({ledger.History.Count(v => v.Change is NodeJoin):N0} joins, "
            + $"{ledger.History.Count(v => v.Change is NodeLeave):N0} leaves) → {replayed.NodeCount:N0} nodes in {replayed.SwarmIds.Count:N0} swarms");
        Console.WriteLine($"    replay (best of 5): {best.TotalMilliseconds:N1} ms = {best.TotalMicroseconds / changes:N1} µs a change");
        Console.WriteLine($"    building the checked ledger (hashes, rules, key checks, assignment): {build.Elapsed.TotalMilliseconds:N0} ms");
        return true;
    }

    private static void DataMovedBenchmark(int accountCount, int trials)
    {
        var random = new Random(11);
        var accounts = new ulong[accountCount];
        for (var i = 0; i < accounts.Length; i++)
            accounts[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);

        Console.WriteLine($"(b) Data moved by one change, {accountCount:N0} accounts spread uniformly; mean (max) over trials.");
        Console.WriteLine("    A join is measured over 7 consecutive joins (one new swarm forms per 7 joins on average); a leave from the N-node network.");
        Console.WriteLine("    copied = new (account, node) replicas to create, as a share of all replicas stored after the change.");
        Console.WriteLine("    minimum = a join: the new node's fair share, 1/(N+1); a leave: the leaving node's replicas, re-made elsewhere.");
        Console.WriteLine();
        Console.WriteLine("    nodes | change | events | accounts gaining a replica | accounts changing swarm | copied          | minimum | copied / minimum");
        Console.WriteLine("    ------|--------|--------|----------------------------|-------------------------|-----------------|---------|-----------------");
        foreach (var nodes in new[] { 12, 100, 1000 })
        {
            var ledger = new RegistryLedger();
            for (var i = 0; i < nodes; i++)
                Append(ledger, Join(i));
            var runs = nodes >= 1000 ? Math.Max(1, trials / 4) : trials;
            var joins = new List<Movement>();
            var leaves = new List<Movement>();
            for (var t = 0; t < runs; t++)
            {
                // Seven joins in a row: on average one new swarm forms per seven joins, so this is the amortized cost.
                var joined = ledger.Clone();
                for (var j = 0; j < SwarmLimits.NewSwarmSize; j++)
                {
                    var before = joined.Swarms;
                    Append(joined, Join(nodes + (t * SwarmLimits.NewSwarmSize) + j));
                    joins.Add(Measure(before, joined.Swarms, accounts, leaving: null));
                }

                var left = ledger.Clone();
                var leaving = Key(random.Next(nodes));
                Append(left, new NodeLeave(leaving));
                leaves.Add(Measure(ledger.Swarms, left.Swarms, accounts, leaving));
            }
            PrintRow(nodes, "join", joins);
            PrintRow(nodes, "leave", leaves);
        }
    }

    private readonly record struct Movement(double Gaining, double ChangingSwarm, double Copied, double Minimum);

    private static Movement Measure(SwarmMap before, SwarmMap after, ulong[] accounts, Ed25519PublicKey? leaving)
    {
        if (after.NodeCount != after.Swarms.Sum(s => s.Members.Count) || after.Swarms.Any(s => s.Members.Count < SwarmLimits.MinSwarmSize))
            throw new InvalidOperationException("The map after the change is not a valid assignment.");
        // New replicas depend only on (old swarm, new swarm); cache them.
        var newReplicas = new Dictionary<(ulong, ulong), int>();
        long gaining = 0, changingSwarm = 0, copies = 0, replicasBefore = 0, replicasAfter = 0, leavingHeld = 0;
        foreach (var space in accounts)
        {
            var from = before.SwarmForSpace(space)!;
            var to = after.SwarmForSpace(space)!;
            if (!newReplicas.TryGetValue((from.Id, to.Id), out var count))
            {
                count = to.Members.Count(m => !from.Contains(m));
                newReplicas[(from.Id, to.Id)] = count;
            }
            replicasBefore += from.Members.Count;
            replicasAfter += to.Members.Count;
            copies += count;
            if (count > 0) gaining++;
            if (from.Id != to.Id) changingSwarm++;
            if (leaving is not null && from.Contains(leaving)) leavingHeld++;
        }
        var minimum = leaving is null ? 1.0 / (after.NodeCount) : (double)leavingHeld / replicasBefore;
        return new Movement((double)gaining / accounts.Length, (double)changingSwarm / accounts.Length, (double)copies / replicasAfter, minimum);
    }

    private static void PrintRow(int nodes, string change, List<Movement> runs)
    {
        static string Pct(double x) => $"{x * 100,6:F2}%";
        var copied = runs.Average(r => r.Copied);
        var minimum = runs.Average(r => r.Minimum);
        Console.WriteLine($"    {nodes,5} | {change,-6} | {runs.Count,6} | {Pct(runs.Average(r => r.Gaining))} ({Pct(runs.Max(r => r.Gaining))})      "
            + $"| {Pct(runs.Average(r => r.ChangingSwarm))} ({Pct(runs.Max(r => r.ChangingSwarm))})   "
            + $"| {Pct(copied)} ({Pct(runs.Max(r => r.Copied))}) | {Pct(minimum)} | {copied / minimum,6:F2}×");
    }

    private static void Append(RegistryLedger ledger, RegistryChange change)
    {
        var result = ledger.Append(change, Epoch.AddSeconds(ledger.Version));
        if (!result.IsSuccess)
            throw new InvalidOperationException(result.Error.Message);
    }

    private static NodeJoin Join(int index) => NodeJoin.For(Key(index), "127.0.0.1", 10_000 + (index % 50_000), "0.1.0")
        with
    { Host = $"10.{(index >> 16) & 255}.{(index >> 8) & 255}.{index & 255}" };

    private static Ed25519PublicKey Key(int index)
    {
        while (Keys.Count <= index)
        {
            var seed = new byte[Ed25519KeyPair.SeedBytes];
            BitConverter.TryWriteBytes(seed, Keys.Count + 1);
            seed[31] = 0x42;
            using var pair = Ed25519KeyPair.FromSeed(seed);
            Keys.Add(pair.PublicKey);
        }
        return Keys[index];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) && value > 0 ? value : fallback;
    }
}
