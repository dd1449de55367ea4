using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Wisp.Bench.Messaging;
using Wisp.Bench.Network;
using Wisp.Client.Direct;
using Wisp.Crypto.Keys;
using Wisp.Dht;
using Wisp.Protocol.Direct;

namespace Wisp.Bench.Direct;

/// <summary>
/// Direct mode against the onion path in one run, on one local network (<c>wisp up</c>) and a three-node DHT on
/// loopback: send → arrival p50/p99 from alice to bob (both in direct mode, a live session) and from alice to carol
/// (swarm, every request through a 3-hop onion path); then bulk bytes over alice's session to bob in MB/s. Every
/// message must arrive exactly once and the bulk bytes must all arrive before a figure is printed.
/// </summary>
/// <remarks>Options: <c>--nodes N</c> (5), <c>--messages N</c> (100), <c>--mib N</c> (32).</remarks>
public static class DirectBench
{
    public const string Usage = "[--nodes 5] [--messages 100] [--mib 32]";

    // A channel no client feature uses (logs = 2): the bulk frames go to the bench's counter only.
    private const ushort BulkChannel = 900;
    private const int ChunkBytes = 64 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static int Run(string[] args) => RunAsync(Option(args, "--nodes", 5), Option(args, "--messages", 100), Option(args, "--mib", 32))
        .GetAwaiter().GetResult();

    private static async Task<int> RunAsync(int nodes, int messages, int mib)
    {
        Console.WriteLine($"Direct vs onion path: {nodes}-node local network (wisp up), three DHT nodes on loopback UDP, three accounts in this process");
        MachineInfo.Print();
        MachineInfo.PrintLoad("before");
        var folder = Path.Combine(Path.GetTempPath(), $"wisp-bench-direct-{Guid.NewGuid():N}");
        var home = Path.Combine(folder, "home");
        var dht = new List<DhtNode>();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        var ct = stop.Token;
        try
        {
            await using var network = await LocalNetworkUnderLoad.StartAsync(Path.Combine(folder, "network"), nodes, connections: 2);
            await using var alice = BenchAccount.Create(home, network.Folder, "alice", canWait: true);
            await using var bob = BenchAccount.Create(home, network.Folder, "bob", canWait: true);
            await using var carol = BenchAccount.Create(home, network.Folder, "carol", canWait: true);
            long bulkReceived = 0;
            var bulkDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var bulkTotal = (long)mib * 1024 * 1024;
            bob.Wisp.Direct.RegisterChannel(BulkChannel, (AccountId _, ReadOnlyMemory<byte> payload, CancellationToken _) =>
            {
                if (Interlocked.Add(ref bulkReceived, payload.Length) >= bulkTotal)
                    bulkDone.TrySetResult();
                return Task.CompletedTask;
            });
            alice.Start();

            // Both sides agree (through the swarm), then each starts its endpoint on the DHT.
            MessagingBench.Require(await alice.Wisp.Direct.SetAsync(bob.Account.AccountId, on: true, ct) is null, "alice offers direct mode");
            await UntilAsync(async () => { await bob.Wisp.FetchAsync(ct); return bob.Wisp.Direct.Get(alice.Account.AccountId).State == DirectState.Requested; }, "bob sees the offer");
            MessagingBench.Require(await bob.Wisp.Direct.SetAsync(alice.Account.AccountId, on: true, ct) is null, "bob agrees");
            await UntilAsync(() => Task.FromResult(alice.Wisp.Direct.Get(bob.Account.AccountId).State == DirectState.On), "alice sees bob's answer");
            bob.Wisp.Conversations.Accept(alice.Account.AccountId);
            var bootstrap = await DhtAsync(dht, ct);
            MessagingBench.Require(await alice.Wisp.EnableDirectAsync(bootstrap, ct) is null, "alice's endpoint starts");
            MessagingBench.Require(await bob.Wisp.EnableDirectAsync(bootstrap, ct) is null, "bob's endpoint starts");
            var connect = Stopwatch.StartNew();
            var live = await alice.Wisp.Direct.Sessions!.EnsureAsync(bob.Account.AccountId, ct);
            MessagingBench.Require(live is not null, "alice opens a session to bob");
            Console.WriteLine($"  session to bob: {live!.Link.Path} via {live.Link.RemoteAddress} after {connect.Elapsed.TotalMilliseconds:0} ms");

            var delivery = new DeliveryRun(alice);
            var direct = await delivery.MeasureAsync(bob, messages, warmup: 5, TimeSpan.FromMilliseconds(50));
            MessagingBench.Require(direct.Lost == 0 && direct.Unexpected == 0, $"every direct message arrives exactly once ({direct.Lost} lost, {direct.Unexpected} unexpected)");
            var paths = bob.Wisp.Conversations.History(alice.Account.AccountId, limit: messages + 10).Count(m => bob.Wisp.Direct.PathOf(m.Id) == MessagePath.Direct);
            MachineInfo.PrintLoad("after direct");
            var onion = await delivery.MeasureAsync(carol, messages, warmup: 5, TimeSpan.FromMilliseconds(50));
            MessagingBench.Require(onion.Lost == 0 && onion.Unexpected == 0, $"every onion message arrives exactly once ({onion.Lost} lost, {onion.Unexpected} unexpected)");
            MachineInfo.PrintLoad("after onion");

            var chunk = new byte[ChunkBytes];
            Random.Shared.NextBytes(chunk);
            var clock = Stopwatch.StartNew();
            for (long sent = 0; sent < bulkTotal; sent += ChunkBytes)
                MessagingBench.Require(await live.TrySendAsync(DirectFrame.OnChannel(BulkChannel, chunk), ct), "the session takes every bulk frame");
            MessagingBench.Require(await Task.WhenAny(bulkDone.Task, Task.Delay(Patience, ct)) == bulkDone.Task, "bob receives every bulk byte");
            var seconds = clock.Elapsed.TotalSeconds;
            MachineInfo.PrintLoad("after bulk");

            Console.WriteLine();
            Console.WriteLine($"  send → arrival, direct session ({direct.Latencies.Length} messages, {paths} of {messages + 5} on the direct path): {Summary(direct.Latencies)}");
            Console.WriteLine($"  send → arrival, onion + swarm ({onion.Latencies.Length} messages, waiting retrieve): {Summary(onion.Latencies)}");
            Console.WriteLine($"  bulk over the session: {mib} MiB in {ChunkBytes / 1024} KiB channel frames, {bulkTotal / seconds / 1e6:0.0} MB/s ({seconds:0.00} s)");
            return 0;
        }
        finally
        {
            foreach (var node in dht)
                await node.DisposeAsync();
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            MessagingBench.Require(clock.Elapsed < Patience, what);
            await Task.Delay(100);
        }
    }

    /// <summary>Three persistent DHT nodes on loopback; their addresses as <c>--dht-bootstrap</c> takes them.</summary>
    private static async Task<string[]> DhtAsync(List<DhtNode> nodes, CancellationToken ct)
    {
        var addresses = new List<IPEndPoint>();
        for (var i = 0; i < 3; i++)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var address = (IPEndPoint)probe.LocalEndPoint!;
            probe.Close();
            var node = DhtNode.BindUdp(address, new DhtOptions { Persistent = true, PublicEndPoint = address, Bootstrap = [.. addresses] });
            nodes.Add(node);
            if (addresses.Count > 0)
                await node.BootstrapAsync(ct);
            addresses.Add(address);
        }
        return [.. addresses.Select(a => a.ToString())];
    }

    private static string Summary(double[] sorted) =>
        $"p50 {MessagingBench.Percentile(sorted, 0.5):0.0} ms, p99 {MessagingBench.Percentile(sorted, 0.99):0.0} ms, max {sorted[^1]:0.0} ms";

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) && value > 0 ? value : fallback;
    }
}
