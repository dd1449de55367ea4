using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Wisp.Client.Paths;
using Wisp.Client.Swarm;
using Wisp.Client.Transport;
using Wisp.Crypto.Interop;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Crypto.Signing;
using Wisp.Node.Onion;
using Wisp.Protocol.Onion;
using Wisp.Protocol.Storage;

namespace Wisp.Bench.Network;

/// <summary>
/// Onion requests, three figures from one run, each after a correctness check:
/// (a) a hop's CPU cost — peel one layer (<see cref="OnionLayerPeeler"/>) and frame the forward — beside the raw
/// X25519 + AEAD decrypt of the same bytes (target, DESIGN §4: at most 2×);
/// (b) retrieve latency through a 3-node path to a 4th node, beside the same retrieve sent directly;
/// (c) onion requests per second one node relays (16 concurrent senders, loopback, every node in this process).
/// </summary>
/// <remarks>Options: <c>--iterations N</c> (20000), <c>--requests N</c> (300), <c>--seconds N</c> (5).</remarks>
public static class OnionBench
{
    private const int RpcBytes = 1024;
    private const int Concurrency = 16;

    public static int Run(string[] args)
    {
        var iterations = Option(args, "--iterations", 20_000);
        var requests = Option(args, "--requests", 300);
        var seconds = Option(args, "--seconds", 5);
        Console.WriteLine($"Onion requests (Wisp.Client → Wisp.Node), {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine();
        foreach (var type in new[] { OnionEncryptionType.XChaCha20, OnionEncryptionType.AesGcm })
            HopCost(type, iterations);
        Console.WriteLine();
        return NetworkAsync(requests, seconds).GetAwaiter().GetResult();
    }

    /// <summary>(a) One hop's work against crypto_scalarmult + one AEAD decrypt of the same ciphertext length.</summary>
    private static unsafe void HopCost(OnionEncryptionType type, int iterations)
    {
        using var guard = Ed25519KeyPair.Generate();
        using var destination = Ed25519KeyPair.Generate();
        var path = new[] { new ServiceNode(guard.PublicKey, guard.X25519PublicKey, new Uri("https://127.0.0.1:1")) };
        for (var i = 0; i < 2; i++)
        {
            using var relay = Ed25519KeyPair.Generate();
            path = [.. path, new ServiceNode(relay.PublicKey, relay.X25519PublicKey, new Uri("https://127.0.0.1:1"))];
        }
        var rpc = new byte[RpcBytes];
        using var request = OnionRequestBuilder.ForNode(path, new ServiceNode(destination.PublicKey, destination.X25519PublicKey, new Uri("https://127.0.0.1:1")), rpc, type);
        using (var check = OnionLayerPeeler.Peel(request.Body, guard))
            Check(check.Error == PeelError.None && check.Instruction is RelayToNodeInstruction, $"the guard peels a {type} layer");
        var ciphertextLength = OnionFrame.Parse(request.Body).Frame.Ciphertext.Length;

        // The raw baseline: the same X25519 and one libsodium AEAD call over a ciphertext of the same length.
        using var ephemeral = X25519KeyPair.Generate();
        var shared = new byte[32];
        var plain = new byte[ciphertextLength - 16 - (type == OnionEncryptionType.XChaCha20 ? 24 : 12)];
        var sealedBytes = new byte[plain.Length + 16];
        var nonce = new byte[type == OnionEncryptionType.XChaCha20 ? 24 : 12];
        fixed (byte* q = shared, n = ephemeral.SecretKey, p = guard.X25519PublicKey.Span, c = sealedBytes, m = plain, npub = nonce)
        {
            Check(Sodium.crypto_scalarmult(q, n, p) == 0, "raw X25519");
            var encrypted = type == OnionEncryptionType.XChaCha20
                ? Sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(c, null, m, (ulong)plain.Length, null, 0, null, npub, q)
                : Sodium.crypto_aead_aes256gcm_encrypt(c, null, m, (ulong)plain.Length, null, 0, null, npub, q);
            Check(encrypted == 0, "raw AEAD encrypt");
        }

        int Raw()
        {
            fixed (byte* q = shared, n = ephemeral.SecretKey, p = guard.X25519PublicKey.Span, c = sealedBytes, m = plain, npub = nonce)
            {
                Sodium.crypto_scalarmult(q, n, p);
                return type == OnionEncryptionType.XChaCha20
                    ? Sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(m, null, null, c, (ulong)sealedBytes.Length, null, 0, npub, q)
                    : Sodium.crypto_aead_aes256gcm_decrypt(m, null, null, c, (ulong)sealedBytes.Length, null, 0, npub, q);
            }
        }
        Check(Raw() == 0, "raw AEAD decrypt");

        int Hop()
        {
            using var layer = OnionLayerPeeler.Peel(request.Body, guard);
            var next = (RelayToNodeInstruction)layer.Instruction!;
            return OnionFrame.Build(layer.Inner.Ciphertext.Span, new GuardRequest(next.EphemeralKey, next.Encryption, 1).ToJson()).Length;
        }

        double rawBest = double.MaxValue, hopBest = double.MaxValue, buildBest = double.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            rawBest = Math.Min(rawBest, Time(iterations, () => Raw()));
            hopBest = Math.Min(hopBest, Time(iterations, () => Hop()));
            buildBest = Math.Min(buildBest, Time(iterations / 4, () =>
            {
                using var built = OnionRequestBuilder.ForNode(path, path[0], rpc, type);
                return built.Body.Length;
            }));
        }
        var ratio = hopBest / rawBest;
        Console.WriteLine($"(a) {type.ToJsonName(),-9} one hop ({ciphertextLength:N0}-byte layer): raw X25519 + AEAD {rawBest:F1} µs, "
            + $"Wisp peel + forward frame {hopBest:F1} µs = {ratio:F2}× raw (target ≤ 2×: {(ratio <= 2 ? "met" : "NOT met")})");
        Console.WriteLine($"    client builds a 4-layer request ({RpcBytes:N0}-byte RPC): {buildBest:F1} µs");
    }

    private static async Task<int> NetworkAsync(int requests, int seconds)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await using var network = await OnionBenchNetwork.StartAsync(5, stop.Token);
        using var client = SwarmClient.Create(network.OpenRegistry(), stateDirectory: null, TimeProvider.System, new Random(1));
        using var http = NodeHttp.CreateClient();
        using var account = Ed25519KeyPair.Generate();
        var pubkey = StoragePubkey.FromBytes(account.AccountId.Bytes);
        var target = network.ServiceNodeOf(4);

        // 20 messages of ~500 bytes on the node both retrieves read.
        for (var i = 0; i < 20; i++)
        {
            var stored = await client.StoreAsync(pubkey, 0, Message(i), TimeSpan.FromHours(1), null, stop.Token);
            Check(stored.Ok, $"store through a path ({stored.Error?.Message})");
            if (!stored.Info.Destination!.Equals(target))
                await PostAsync(http, target, StoreBody(pubkey, i, client.Clock.NowMs()), stop.Token);
        }

        // (b) Correctness first: both ways return the same 20 messages.
        var direct = await DirectRetrieveAsync(http, target, account, client.Clock.NowMs(), stop.Token);
        var onion = await client.RetrieveAsync(account, 0, null, stop.Token, node: target.Ed25519);
        Check(onion.Ok && onion.Value!.Messages.Count >= 20 && direct.Contains("\"messages\""), "onion and direct retrieve both answer");

        var directTimes = await LatenciesAsync(requests, () => DirectRetrieveAsync(http, target, account, client.Clock.NowMs(), stop.Token));
        var onionTimes = await LatenciesAsync(requests, async () =>
        {
            var read = await client.RetrieveAsync(account, 0, null, stop.Token, node: target.Ed25519);
            Check(read.Ok, "onion retrieve");
        });
        Console.WriteLine($"(b) retrieve of 20 messages (~10 KB), {requests} sequential requests, HTTPS on loopback:");
        Console.WriteLine($"    direct to the node:       {Summary(directTimes)}");
        Console.WriteLine($"    through 3 hops (4th node): {Summary(onionTimes)}");

        // (c) One node relaying: [A] → B (info), and a full path [A, B, C] → D.
        var info = Encoding.UTF8.GetBytes("{\"method\":\"info\",\"params\":{}}");
        using var transport = new OnionTransport(TimeProvider.System, http);
        var oneHop = await RelayRateAsync(transport, [network.ServiceNodeOf(0)], network.ServiceNodeOf(1), info, seconds);
        var fullPath = await RelayRateAsync(transport, [network.ServiceNodeOf(0), network.ServiceNodeOf(1), network.ServiceNodeOf(2)], network.ServiceNodeOf(3), info, seconds);
        Console.WriteLine($"(c) onion requests/s, {Concurrency} concurrent senders, {seconds} s each, all nodes and the client share this machine's {Environment.ProcessorCount} cores:");
        Console.WriteLine($"    node A relaying [A] → B (B answers info):        {oneHop:N0} req/s");
        Console.WriteLine($"    full path [A, B, C] → D (each node relays each):  {fullPath:N0} req/s");
        return 0;
    }

    private static async Task<double> RelayRateAsync(OnionTransport transport, ServiceNode[] path, ServiceNode destination, byte[] rpc, int seconds)
    {
        using (var first = OnionRequestBuilder.ForNode(path, destination, rpc))
        {
            var answer = await transport.SendAsync(path[0], first, CancellationToken.None);
            Check(answer.Answered && answer.Response!.IsSuccess, $"a relayed info answers 200 ({answer.Response})");
        }
        long done = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (clock.Elapsed < until)
            {
                using var request = OnionRequestBuilder.ForNode(path, destination, rpc);
                var sent = await transport.SendAsync(path[0], request, CancellationToken.None);
                Interlocked.Increment(ref sent.Answered && sent.Response!.IsSuccess ? ref done : ref failed);
            }
        }));
        Check(failed == 0, $"every relayed request answered 200 ({failed} did not)");
        return done / clock.Elapsed.TotalSeconds;
    }

    private static async Task<string> DirectRetrieveAsync(HttpClient http, ServiceNode node, Ed25519KeyPair account, long nowMs, CancellationToken cancellationToken)
    {
        var parameters = new JsonObject
        {
            ["pubkey"] = account.AccountId.Hex,
            ["pubkey_ed25519"] = account.PublicKey.ToHex(),
            ["namespace"] = 0,
            ["timestamp"] = nowMs,
            ["signature"] = Convert.ToBase64String(Ed25519.Sign(account, SignatureStrings.Retrieve(0, nowMs))),
        };
        return await PostAsync(http, node, new JsonObject { ["method"] = "retrieve", ["params"] = parameters }.ToJsonString(), cancellationToken);
    }

    private static string StoreBody(StoragePubkey pubkey, int i, long nowMs) => new JsonObject
    {
        ["method"] = "store",
        ["params"] = new JsonObject { ["pubkey"] = pubkey.Hex, ["timestamp"] = nowMs + i, ["ttl"] = 3_600_000, ["data"] = Convert.ToBase64String(Message(i)) },
    }.ToJsonString();

    /// <summary>A 500-byte message, different for each <paramref name="i"/> (equal bytes would be one message).</summary>
    private static byte[] Message(int i)
    {
        var data = new byte[500];
        BitConverter.TryWriteBytes(data, i);
        return data;
    }

    private static async Task<string> PostAsync(HttpClient http, ServiceNode node, string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(node.BaseUrl, "/storage_rpc/v1"), content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Check(response.IsSuccessStatusCode, $"direct request answered {(int)response.StatusCode}: {text}");
        return text;
    }

    private static async Task<double[]> LatenciesAsync(int count, Func<Task> call)
    {
        for (var i = 0; i < 20; i++)
            await call();
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(times);
        return times;
    }

    private static string Summary(double[] sorted) =>
        $"p50 {sorted[sorted.Length / 2]:F2} ms, p99 {sorted[(int)(sorted.Length * 0.99)]:F2} ms, mean {sorted.Average():F2} ms";

    private static double Time(int iterations, Func<int> work)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
            work();
        return Stopwatch.GetElapsedTime(started).TotalMicroseconds / iterations;
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
            throw new InvalidOperationException($"Correctness check failed before measuring: {what}.");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) && value > 0 ? value : fallback;
    }
}
