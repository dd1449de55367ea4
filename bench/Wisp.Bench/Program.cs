using Wisp.Bench.Communities;
using Wisp.Bench.Crypto;
using Wisp.Bench.Files;
using Wisp.Bench.Groups;
using Wisp.Bench.Hostile;
using Wisp.Bench.Messaging;
using Wisp.Bench.Network;
using Wisp.Bench.ProtocolV2;
using Wisp.Bench.Startup;
using Wisp.Bench.Storage;

namespace Wisp.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Wisp.Bench -- &lt;suite&gt; [options]</c>: a table of contents of the
/// suites. Each suite checks its results are correct before it measures, and prints the limit beside each figure.
/// </summary>
internal static class Program
{
    private static readonly Suite[] Suites =
    [
        new("crypto", "each Wisp crypto operation beside the raw libsodium calls it composes (BenchmarkDotNet)", CryptoSuite.Run),
        new("storage", "store / retrieve / info against a real node over HTTPS on loopback, beside the machine's limits", StorageSuite.Run),
        new("swarms", "swarm assignment: registry replay time, and data moved by a join or a leave against the least possible", SwarmAssignmentBench.Run),
        new("replication", "store with replication on a 12-node local network (wisp up): accepted stores/s, p50/p99, each on >= 5 nodes", ReplicationBench.Run),
        new("onion", "onion: hop CPU cost beside raw X25519 + AEAD, onion vs direct retrieve latency, relay rate", OnionBench.Run),
        new("messaging", "delivery on a 20-node local network: send → receive p50/p99 (waiting retrieve, polling), sends/s, client RSS", MessagingBench.Run),
        new("startup", "./wisp start-up: --version, send and inbox --fetch until network work, beside starting a process and an empty .NET program", StartupBench.Run),
        new("hostile", "200 clients that never read, a fuzz stream and legitimate stores at once, one node and 5: RSS rise (target <= 100 MB), p99, 5xx", HostileBench.Run),
        new("files", "a 1 GiB attachment to the file server and back: direct, 3-hop onion with N = 1, 2, 4 paths, beside raw secretstream and a relay's ceiling; peak RSS", FilesBench.Run),
        new("idle-memory", "the default local network (./wisp up) at rest: each node's RSS and PSS, and the totals", IdleMemoryBench.Run),
        // the staked registry's sync time
        new("chain-sync", "staked registry on a local Anvil: time for a new follower to read N joins of history (default 2,000)", Chain.RegistrySyncBench.Run),
        new("communities", "a community server (wisp community run): posts/s one room accepts, /batch since-polls/s with 1,000 idle pollers, RSS with 100,000 messages", CommunityBench.Run),
        // protocol v2
        new("protocol-v2", "1:1 v2 seal/open beside v1 and raw X25519 / ML-KEM-768 in one run; bytes on the wire for 10/100/1000-byte texts", ProtocolV2Bench.Run),
        // push notifications (issue 19): store → notification latency, the push server with 10,000 subscriptions
        new("push", "push on a 20-node local network: store → UnifiedPush notification p50/p95/p99 (target p95 <= 1 s), push server RSS/CPU with 10,000 subscriptions", Push.PushBench.Run),
        new("push-node", "a node holding 10,000 monitor subscriptions: RSS, CPU per subscription and per notification, store throughput with and without", Push.NodeMonitorBench.Run),
        // user config sync to a newly restored device
        new("config-sync", "user configs: time for a newly restored device to receive the full config with 10/100/1,000 contacts on a 7-node local network; Contacts message size vs the store limit", Sync.ConfigSyncBench.Run),
        new("groups", "closed groups of 10/100/1,000: keys message size vs the store limit, rotation time, one message to N pollers on a real node, node CPU per message", GroupsBench.Run),
        // Wisp's ratchet
        new("ratchet", "Wisp's ratchet: seal + open per message, with a DH step, and the ML-KEM step, beside raw XChaCha20-Poly1305, X25519 and ML-KEM-768", ProtocolV2.RatchetBench.Run),
        // the DHT (issue 20)
        new("dht", "the DHT on 1,000 simulated nodes: join time, lookup hops / requests / time, exact k-closest rate, announce + lookup", Dht.DhtBench.Run),
        // direct path: reliable streams over UDP and the blind relay
        new("stream", "ReliableStream MB/s on loopback UDP, direct and through the blind relay, beside raw UDP datagrams in the same run", Direct.StreamBench.Run),
        // direct path: time to a direct connection per NAT pairing (network namespaces; root)
        new("direct-nat", "per NAT pairing in network namespaces (root): connect success rate over N tries, path taken, time to a session p50/p90", Direct.NatBench.Run),
        // direct path: Noise handshakes and secret streams
        new("noise", "Noise IK/XX handshakes/s beside raw X25519; SecretStream MB/s beside raw XChaCha20-Poly1305 and secretstream, same run " + Direct.NoiseBench.Usage, Direct.NoiseBench.Run),
        // node efficiency (issue 18): wrk against `wisp node run`, CPU µs per request, RSS, 5-node store and first minute
        new("node", "a node process under wrk (info, store --sync full/normal, signed retrieve) and a 5-node store: req/s, p50/p99, server CPU µs/req, RSS, beside no-op Kestrel, libsodium and Session 2.6.2", Node.NodeSuite.Run),
        // signed history logs (issue 20)
        new("history", "signed history logs: appends/s, proof size and verify time for ranges of 1/100/10,000 entries, beside raw Ed25519 and BLAKE2b [--length 20000]", History.HistoryBench.Run),
        // direct mode vs the onion path (issue 20): message latency and bulk MB/s in one run
        new("direct", "direct mode vs onion path on one local network: send → arrival p50/p99 each way, bulk MB/s over a DirectSession " + Direct.DirectBench.Usage, Direct.DirectBench.Run),
    ];

    public static int Main(string[] args)
    {
        if (args.Length > 0 && ChildProcesses.TryRun(args, out var childExit))
            return childExit;
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            PrintHelp();
            return args.Length == 0 ? 2 : 0;
        }
        var suite = Array.Find(Suites, s => s.Name == args[0]);
        if (suite is null)
        {
            Console.Error.WriteLine($"Unknown suite '{args[0]}'.");
            PrintHelp();
            return 2;
        }
        return suite.Run(args[1..]);
    }

    private static void PrintHelp()
    {
        Console.WriteLine("Usage: dotnet run -c Release --project bench/Wisp.Bench -- <suite> [options]");
        Console.WriteLine();
        Console.WriteLine("Suites:");
        foreach (var suite in Suites)
            Console.WriteLine($"  {suite.Name,-11} {suite.Description}");
        Console.WriteLine();
        Console.WriteLine("  crypto  [BenchmarkDotNet arguments, e.g. --filter *Onion*]   (all benchmarks when none are given)");
        Console.WriteLine($"  storage {StorageOptions.Usage}");
        Console.WriteLine("  swarms  [--changes 10000] [--accounts 100000] [--trials 40]");
        Console.WriteLine("  onion   [--iterations 20000] [--requests 300] [--seconds 5]");
        Console.WriteLine("  messaging [--nodes 20] [--messages 200] [--polled 100] [--sends 200] [--concurrency 4] [--floor 100]");
        Console.WriteLine("  replication [--nodes 12] [--connections 16] [--accounts 2000] [--warmup 3] [--duration 15] [--sample 200]");
        Console.WriteLine("  startup [--runs 20] [--nodes 5]");
        Console.WriteLine("  idle-memory [--idle 60]");
        Console.WriteLine("  files   [--mib 1024] [--nodes 10] [--paths 1,2,4]");
        Console.WriteLine("  hostile [--slow 200] [--seconds 20] [--settle 30] [--nodes 5]");
        Console.WriteLine($"  communities {CommunityBench.Usage}");
        Console.WriteLine("  protocol-v2 [--iterations 2000]");
        Console.WriteLine($"  push    {Push.PushBench.Usage}");
        Console.WriteLine($"  push-node {Push.NodeMonitorBench.Usage}");
        Console.WriteLine("  groups  [--sizes 10,100,1000] [--connections 64] [--max-size 307200] [--in-process]");
        Console.WriteLine($"  node    {Node.NodeBenchOptions.Usage}");
    }

    private sealed record Suite(string Name, string Description, Func<string[], int> Run);
}
