using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Storage;

namespace Wisp.Bench.Hostile;

/// <summary>A node under attack: its URL and, when it runs in its own process, its process id (for its memory).</summary>
internal sealed record HostileTarget(string Url, int? ProcessId);

/// <summary>What the legitimate and the fuzzing clients saw during the hostile phase.</summary>
internal sealed class TrafficTally
{
    private readonly ConcurrentBag<double> _storeMs = [];
    private long _stores, _storesOk, _legit5xx, _legitOther, _fuzz, _fuzz5xx, _shed, _500, _slowConnected, _slowRefused;

    public long Stores => Interlocked.Read(ref _stores);
    public long StoresOk => Interlocked.Read(ref _storesOk);
    public long Legit5xx => Interlocked.Read(ref _legit5xx);
    public long LegitOther => Interlocked.Read(ref _legitOther);
    public long Fuzz => Interlocked.Read(ref _fuzz);
    public long Fuzz5xx => Interlocked.Read(ref _fuzz5xx);
    public long Shed503 => Interlocked.Read(ref _shed);
    public long Internal500 => Interlocked.Read(ref _500);
    public long SlowConnected => Interlocked.Read(ref _slowConnected);
    public long SlowRefused => Interlocked.Read(ref _slowRefused);

    public void Store(int status, double ms)
    {
        Interlocked.Increment(ref _stores);
        if (status == 200)
        {
            Interlocked.Increment(ref _storesOk);
            _storeMs.Add(ms);
        }
        Legit(status);
    }

    public void Legit(int status)
    {
        if (status == 503) Interlocked.Increment(ref _shed);
        if (status == 500) Interlocked.Increment(ref _500);
        if (status >= 500) Interlocked.Increment(ref _legit5xx);
        else if (status != 200) Interlocked.Increment(ref _legitOther);
    }

    public void Fuzzed(int status)
    {
        Interlocked.Increment(ref _fuzz);
        if (status == 503) Interlocked.Increment(ref _shed);
        if (status == 500) Interlocked.Increment(ref _500);
        if (status >= 500) Interlocked.Increment(ref _fuzz5xx);
    }

    public void SlowReader(bool connected)
    {
        if (connected) Interlocked.Increment(ref _slowConnected);
        else Interlocked.Increment(ref _slowRefused);
    }

    /// <summary>The p-th percentile of accepted stores' latency, ms.</summary>
    public double StorePercentile(double p)
    {
        var sorted = _storeMs.ToArray();
        if (sorted.Length == 0) return double.NaN;
        Array.Sort(sorted);
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
    }
}

/// <summary>
/// The three kinds of client of <c>bench hostile</c>: slow readers (send a retrieve of a ~7.8 MB answer and never read
/// it, each from its own 127.x address with a 1 KiB receive buffer), a fuzzer (mutated storage RPC bodies and random
/// onion frames) and legitimate clients (stores of 300 B and small retrieves, timed).
/// </summary>
internal static class HostileTraffic
{
    /// <summary>Bodies of the account the slow readers ask for: 100 largest messages (about 7.7 MB of data).</summary>
    public const int HeavyMessages = 100;

    public static string StoreBody(Ed25519KeyPair account, byte[] data, long timestampMs) =>
        "{\"method\":\"store\",\"params\":{\"pubkey\":\"" + account.AccountId.Hex + "\",\"namespace\":0,\"timestamp\":"
        + timestampMs.ToString(CultureInfo.InvariantCulture) + ",\"ttl\":3600000,\"data\":\"" + Convert.ToBase64String(data) + "\"}}";

    public static string RetrieveBody(Ed25519KeyPair account, bool everything)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var signature = Convert.ToBase64String(Ed25519.Sign(account, SignatureStrings.Retrieve(0, now)));
        return "{\"method\":\"retrieve\",\"params\":{\"pubkey\":\"" + account.AccountId.Hex + "\",\"pubkey_ed25519\":\""
            + account.PublicKey.ToHex() + "\",\"signature\":\"" + signature + "\",\"namespace\":0,\"timestamp\":"
            + now.ToString(CultureInfo.InvariantCulture) + (everything ? ",\"max_size\":-1" : "") + "}}";
    }

    public static async Task<int> PostAsync(HttpClient http, string url, string path, byte[] body, CancellationToken token)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(url + path, content, token);
            await response.Content.CopyToAsync(Stream.Null, token);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 599;
        }
        catch (OperationCanceledException)
        {
            // 598: the client's own timeout; 0: the phase ended (the caller does not count it).
            return token.IsCancellationRequested ? 0 : 598;
        }
        catch (IOException)
        {
            return 599;
        }
    }

    /// <summary>One slow reader: connects from <paramref name="from"/>, asks for the heavy account, holds until <paramref name="token"/>.</summary>
    public static async Task SlowReaderAsync(HostileTarget target, IPAddress from, string body, TrafficTally tally, CancellationToken token)
    {
        var uri = new Uri(target.Url);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 1024 };
        try
        {
            socket.Bind(new IPEndPoint(from, 0));
            await socket.ConnectAsync(IPAddress.Loopback, uri.Port, token);
            await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            }, token);
            var bytes = Encoding.UTF8.GetBytes(body);
            await tls.WriteAsync(Encoding.ASCII.GetBytes(
                $"POST /storage_rpc/v1 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\n\r\n"), token);
            await tls.WriteAsync(bytes, token);
            await tls.FlushAsync(token);
            tally.SlowReader(connected: true);
            await Task.Delay(Timeout.Infinite, token);
        }
        catch (OperationCanceledException)
        {
            // The hostile phase is over: closing is all a slow reader ever does.
        }
        catch (Exception exception) when (exception is SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            tally.SlowReader(connected: false);
        }
    }

    /// <summary>Mutated storage RPC bodies and random onion frames, each answer read in full, until <paramref name="token"/>.</summary>
    public static async Task FuzzAsync(HttpClient http, IReadOnlyList<HostileTarget> targets, string[] seeds, TrafficTally tally, int seed, CancellationToken token)
    {
        var random = new Random(seed);
        while (!token.IsCancellationRequested)
        {
            var target = targets[random.Next(targets.Count)];
            var onion = random.Next(4) == 0;
            var body = onion ? RandomOnionFrame(random) : Mutate(Encoding.UTF8.GetBytes(seeds[random.Next(seeds.Length)]), random);
            var status = await PostAsync(http, target.Url, onion ? "/onion_req/v2" : "/storage_rpc/v1", body, token);
            if (!token.IsCancellationRequested) tally.Fuzzed(status);
        }
    }

    /// <summary>Stores of 300 B (timed) and, every fourth request, a small retrieve, until <paramref name="token"/>.</summary>
    public static async Task LegitAsync(HttpClient http, HostileTarget target, Ed25519KeyPair account, TrafficTally tally, CancellationToken token)
    {
        var data = new byte[300];
        for (var i = 0; !token.IsCancellationRequested; i++)
        {
            if (i % 4 == 3)
            {
                var retrieved = await PostAsync(http, target.Url, "/storage_rpc/v1", Encoding.UTF8.GetBytes(RetrieveBody(account, everything: false)), token);
                if (!token.IsCancellationRequested) tally.Legit(retrieved);
                continue;
            }
            Random.Shared.NextBytes(data);
            var body = Encoding.UTF8.GetBytes(StoreBody(account, data, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
            var watch = Stopwatch.StartNew();
            var status = await PostAsync(http, target.Url, "/storage_rpc/v1", body, token);
            if (!token.IsCancellationRequested) tally.Store(status, watch.Elapsed.TotalMilliseconds);
        }
    }

    private static byte[] Mutate(byte[] body, Random random)
    {
        var bytes = body.ToList();
        var edits = 1 + random.Next(8);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(16))); break;
                case 2: bytes.InsertRange(at, Enumerable.Range(0, 1 + random.Next(16)).Select(_ => (byte)random.Next(256))); break;
                case 3: bytes.InsertRange(at, "{\"a\":[[[[\"\\ud800\"]]]],"u8.ToArray()); break;
                default: bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }
        return [.. bytes];
    }

    private static byte[] RandomOnionFrame(Random random)
    {
        var cipher = new byte[random.Next(0, 2048)];
        random.NextBytes(cipher);
        var json = "{\"ephemeral_key\":\"" + Convert.ToHexStringLower(RandomBytes(random, 32)) + "\",\"enc_type\":\"xchacha20\"}";
        var frame = new byte[4 + cipher.Length + json.Length];
        BitConverter.TryWriteBytes(frame, random.Next(3) == 0 ? random.Next() : cipher.Length);
        cipher.CopyTo(frame, 4);
        Encoding.ASCII.GetBytes(json).CopyTo(frame, 4 + cipher.Length);
        return frame;
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
