using System.Diagnostics;
using System.Globalization;
using Wisp.Crypto.Aead;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Noise;
using Wisp.Crypto.Streams;
using Wisp.Direct.Secure;

namespace Wisp.Bench.Direct;

/// <summary>
/// <c>noise [--handshakes 2000] [--mib 256] [--message 65536]</c>: Noise IK and XX handshakes per second (both sides in
/// one thread) beside raw X25519 agreements, and SecretStream throughput over an in-memory pipe beside raw libsodium
/// XChaCha20-Poly1305 and raw secretstream push + pull on the same message size, all in the same run. Checks a
/// handshake and a message round-trip before it measures.
/// </summary>
internal static class NoiseBench
{
    public const string Usage = "[--handshakes 2000] [--mib 256] [--message 65536]";

    public static int Run(string[] args)
    {
        var handshakes = Option(args, "--handshakes", 2000);
        var mib = Option(args, "--mib", 256);
        var messageBytes = Option(args, "--message", 65536);
        Console.WriteLine($"noise bench: {handshakes} handshakes, {mib} MiB in {messageBytes}-byte messages, {Environment.ProcessorCount} cores (median of 5 runs)");

        using var client = X25519KeyPair.Generate();
        using var server = X25519KeyPair.Generate();
        Check(client, server);

        var x25519 = Rate(handshakes * 4, () =>
        {
            X25519.TryAgree(client, server.PublicKey, out var shared);
            shared!.Dispose();
        });
        Console.WriteLine($"  raw X25519 agreement                             {x25519,12:N0} /s");
        var ik = Rate(handshakes, () => Handshake(NoisePattern.IK, client, server));
        Console.WriteLine($"  Noise IK handshake (both sides, 10 X25519 ops) {ik,12:N0} /s   ({x25519 / ik:F1} X25519 agreements' time)");
        var xx = Rate(handshakes, () => Handshake(NoisePattern.XX, client, server));
        Console.WriteLine($"  Noise XX handshake (both sides, 8 X25519 ops)  {xx,12:N0} /s   ({x25519 / xx:F1} X25519 agreements' time)");

        var total = (long)mib << 20;
        var count = (int)(total / messageBytes);
        var message = new byte[messageBytes];
        var key = new byte[XChaCha20Poly1305.KeyBytes];
        var nonce = new byte[XChaCha20Poly1305.NonceBytes];
        var sealedBytes = new byte[messageBytes + XChaCha20Poly1305.TagBytes];
        var opened = new byte[messageBytes];
        var raw = Throughput(total, () =>
        {
            for (var i = 0; i < count; i++)
            {
                XChaCha20Poly1305.Encrypt(key, nonce, message, default, sealedBytes);
                XChaCha20Poly1305.Decrypt(key, nonce, sealedBytes, default, opened);
            }
        });
        Console.WriteLine($"  raw XChaCha20-Poly1305 encrypt + decrypt         {raw,12:F0} MB/s");
        var rawStream = Throughput(total, () => RawSecretStream(message, count));
        Console.WriteLine($"  raw secretstream push + pull                     {rawStream,12:F0} MB/s");
        var secret = Throughput(total, () => SecretStreamRun(message, count).GetAwaiter().GetResult());
        Console.WriteLine($"  SecretStream over an in-memory pipe              {secret,12:F0} MB/s   ({secret / raw:P0} of raw XChaCha20-Poly1305)");
        return 0;
    }

    private static void Check(X25519KeyPair client, X25519KeyPair server)
    {
        Handshake(NoisePattern.IK, client, server);
        Handshake(NoisePattern.XX, client, server);
        SecretStreamRun([1, 2, 3], 1).GetAwaiter().GetResult();
    }

    private static void Handshake(NoisePattern pattern, X25519KeyPair client, X25519KeyPair server)
    {
        using var i = new NoiseHandshake(pattern, true, client, pattern == NoisePattern.IK ? server.PublicKey : null);
        using var r = new NoiseHandshake(pattern, false, server);
        for (var turn = 0; !i.IsComplete; turn++)
        {
            var (writer, reader) = turn % 2 == 0 ? (i, r) : (r, i);
            if (!reader.TryReadMessage(writer.WriteMessage([]), out _))
                throw new InvalidOperationException("A benchmark handshake failed.");
        }
        using var a = i.Split();
        using var b = r.Split();
        if (!a.SendKey.SequenceEqual(b.ReceiveKey))
            throw new InvalidOperationException("The two sides' keys differ.");
    }

    private static void RawSecretStream(byte[] message, int count)
    {
        var key = SecretStreamEncryptor.GenerateKey();
        var header = new byte[SecretStreamEncryptor.HeaderBytes];
        using var push = new SecretStreamEncryptor(key, header);
        using var pull = new SecretStreamDecryptor(key, header);
        var piece = new byte[message.Length + SecretStreamEncryptor.ABytes];
        var output = new byte[message.Length];
        for (var i = 0; i < count; i++)
        {
            push.Push(message, piece, final: false);
            if (pull.Pull(piece, output) != SecretStreamPiece.Message)
                throw new InvalidOperationException("A raw secretstream piece did not open.");
        }
    }

    private static async Task SecretStreamRun(byte[] message, int count)
    {
        using var client = X25519KeyPair.Generate();
        using var server = X25519KeyPair.Generate();
        using var pipe = new NoisePipe();
        var a = SecretStream.HandshakeXXAsync(pipe.A, true, client, new SecretStreamOptions { MaxMessageBytes = Math.Max(message.Length, 1) });
        var b = SecretStream.HandshakeXXAsync(pipe.B, false, server, new SecretStreamOptions { MaxMessageBytes = Math.Max(message.Length, 1) });
        await using var sa = await a;
        await using var sb = await b;
        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
                await sa.SendAsync(message);
            await sa.CloseAsync();
        });
        var received = 0;
        while (await sb.ReceiveAsync() is { } got)
        {
            if (got.Length != message.Length)
                throw new InvalidOperationException("A secret stream message came out the wrong size.");
            received++;
        }
        await sending;
        if (received != count)
            throw new InvalidOperationException($"Sent {count} messages, received {received}.");
    }

    private static double Rate(int count, Action operation)
    {
        for (var i = 0; i < Math.Min(count, 100); i++)
            operation();
        var runs = new double[5];
        for (var run = 0; run < runs.Length; run++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
                operation();
            runs[run] = count / watch.Elapsed.TotalSeconds;
        }
        Array.Sort(runs);
        return runs[2];
    }

    private static double Throughput(long bytes, Action run)
    {
        run();
        var runs = new double[5];
        for (var i = 0; i < runs.Length; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            runs[i] = bytes / 1e6 / watch.Elapsed.TotalSeconds;
        }
        Array.Sort(runs);
        return runs[2];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
