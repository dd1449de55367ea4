using System.Diagnostics;
using Wisp.Crypto.Interop;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Storage;

namespace Wisp.Bench.Storage;

/// <summary>
/// libsodium's raw Ed25519 verify rate on this machine (crypto_sign_verify_detached of a retrieve's signed string):
/// the ceiling of signed retrieves, each of which costs one verify.
/// </summary>
internal static unsafe class VerifyRate
{
    /// <summary>Verifies per second with <paramref name="threads"/> threads verifying for <paramref name="duration"/>.</summary>
    public static double Measure(int threads, TimeSpan duration)
    {
        using var account = Ed25519KeyPair.Generate();
        var message = SignatureStrings.Retrieve(0, 1_700_000_000_000);
        var signature = Ed25519.Sign(account, message);
        var publicKey = account.PublicKey.Span.ToArray();
        if (Verify(signature, message, publicKey) != 0)
            throw new InvalidOperationException("Correctness check failed: libsodium rejects a good signature.");
        var altered = (byte[])message.Clone();
        altered[^1] ^= 1;
        if (Verify(signature, altered, publicKey) == 0)
            throw new InvalidOperationException("Correctness check failed: libsodium accepts an altered message.");

        var counts = new long[threads];
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, threads).Select(index => new Thread(() =>
        {
            long count = 0;
            while (Stopwatch.GetTimestamp() < until)
            {
                for (var i = 0; i < 64; i++)
                    count += Verify(signature, message, publicKey) == 0 ? 1 : 0;
            }
            counts[index] = count;
        })).ToArray();
        foreach (var worker in workers) worker.Start();
        foreach (var worker in workers) worker.Join();
        return counts.Sum() / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static int Verify(byte[] signature, byte[] message, byte[] publicKey)
    {
        fixed (byte* sig = signature, m = message, pk = publicKey)
        {
            return Sodium.crypto_sign_verify_detached(sig, m, (ulong)message.Length, pk);
        }
    }
}
