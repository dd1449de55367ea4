using System.Diagnostics;
using Wisp.Crypto.Aead;
using Wisp.Crypto.Kem;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Ratchet;
using Wisp.Protocol.Ratchet;

namespace Wisp.Bench.ProtocolV2;

/// <summary>
/// <c>ratchet [--messages 20000]</c>: Wisp's ratchet per message (seal + open, same chain; with a DH step each
/// message; averaged over a run that includes its ML-KEM steps) and the KEM step alone, beside raw XChaCha20-Poly1305,
/// X25519 and ML-KEM-768 in the same run; header sizes. Checks every message opens before it measures.
/// </summary>
internal static class RatchetBench
{
    private const int PlaintextBytes = 100;

    public static int Run(string[] args)
    {
        var messages = args.Length == 2 && args[0] == "--messages" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
        var plaintext = new byte[PlaintextBytes];
        Check(plaintext);
        Console.WriteLine($"ratchet bench: {messages} messages of {PlaintextBytes} bytes, one thread, {Environment.ProcessorCount} cores (µs per operation, median of 5 runs)");

        var key = new byte[XChaCha20Poly1305.KeyBytes];
        var nonce = new byte[XChaCha20Poly1305.NonceBytes];
        var sealedBytes = new byte[PlaintextBytes + XChaCha20Poly1305.TagBytes];
        var opened = new byte[PlaintextBytes];
        Report("raw XChaCha20-Poly1305 seal + open", messages, () =>
        {
            XChaCha20Poly1305.Encrypt(key, nonce, plaintext, default, sealedBytes);
            XChaCha20Poly1305.Decrypt(key, nonce, sealedBytes, default, opened);
        });
        using var x1 = X25519KeyPair.Generate();
        using var x2 = X25519KeyPair.Generate();
        Report("raw X25519 key generation + agreement", messages / 4, () =>
        {
            using var fresh = X25519KeyPair.Generate();
            X25519.TryAgree(fresh, x2.PublicKey, out var shared);
            shared?.Dispose();
        });
        using var kem = MlKem768KeyPair.Generate();
        var ct = new byte[MlKem768.CiphertextBytes];
        var ss = new byte[MlKem768.SharedSecretBytes];
        Report("raw ML-KEM-768 key generation", messages / 10, () => MlKem768KeyPair.Generate().Dispose());
        Report("raw ML-KEM-768 encapsulate", messages / 10, () => MlKem768.Encapsulate(kem.PublicKey, ct, ss));
        Report("raw ML-KEM-768 decapsulate", messages / 10, () => kem.Decapsulate(ct, ss));

        Report("ratchet seal + open, same chain (no DH step)", messages, OneWay(plaintext));
        Report("ratchet seal + open, a DH step every message (ping-pong)", messages / 4, PingPong(plaintext));
        Report("ratchet KEM step (offer key generation + encapsulation + decapsulation, in the ratchet)", messages / 20, KemStep(plaintext));

        Console.WriteLine();
        Console.WriteLine("ratchet message overhead (bytes beyond the plaintext, inside v2's padded dict):");
        Console.WriteLine($"  plain header {RatchetMessage.FixedHeaderBytes} + tag {XChaCha20Poly1305.TagBytes} = {RatchetMessage.FixedHeaderBytes + XChaCha20Poly1305.TagBytes}");
        Console.WriteLine($"  + KEM offer {MlKem768.PublicKeyBytes} (every message of a chain while the offer is pending)");
        Console.WriteLine($"  + KEM ciphertext {MlKem768.CiphertextBytes} (every message of the chain that answers it)");
        Console.WriteLine($"  hello in \"w\" ≈ {X25519PublicKey.Bytes + MlKem768.PublicKeyBytes} + bencode, until the peer accepts; accept ≈ {2 * X25519PublicKey.Bytes + MlKem768.CiphertextBytes}");
        return 0;
    }

    private static Action OneWay(byte[] plaintext)
    {
        var (alice, bob) = Pair();
        // The opener must receive once before it can send; afterwards bob sends on one chain.
        Deliver(bob, alice, plaintext);
        return () => Deliver(bob, alice, plaintext);
    }

    private static Action PingPong(byte[] plaintext)
    {
        var (alice, bob) = Pair();
        Deliver(bob, alice, plaintext);
        var turn = false;
        return () =>
        {
            if (turn) Deliver(bob, alice, plaintext);
            else Deliver(alice, bob, plaintext);
            turn = !turn;
        };
    }

    /// <summary>
    /// One KEM step end to end: bob sends until his offer appears (his 50th message since the last KEM secret), alice
    /// answers. Includes those messages' own cost; subtract 50 one-way messages and one ping-pong message to isolate it.
    /// </summary>
    private static Action KemStep(byte[] plaintext)
    {
        var (alice, bob) = Pair();
        Deliver(bob, alice, plaintext);
        return () =>
        {
            // Offer from bob at his 50th message since the last KEM secret, answered in alice's next chain.
            while (!bob.HasPendingKemOffer)
                Deliver(bob, alice, plaintext);
            Deliver(alice, bob, plaintext);
        };
    }

    private static (RatchetSession Alice, RatchetSession Bob) Pair()
    {
        var ad = "bench"u8.ToArray();
        using var hello = RatchetHello.Generate();
        RatchetSession.TryAccept(hello.X25519PublicKey, hello.KemPublicKey, ad, out var bob, out var x, out var ct);
        RatchetSession.TryComplete(hello, x!, ct, ad, out var alice);
        return (alice!, bob!);
    }

    private static void Deliver(RatchetSession from, RatchetSession to, byte[] plaintext)
    {
        var wire = RatchetMessage.Write(from.Seal(plaintext, RatchetMessage.WriteHeader));
        var message = RatchetMessage.Read(wire).Message!;
        if (!to.Open(message.Header, message.HeaderBytes.Span, message.Ciphertext.Span).Succeeded)
            throw new InvalidOperationException("a ratchet message did not open");
    }

    private static void Check(byte[] plaintext)
    {
        var (alice, bob) = Pair();
        Deliver(bob, alice, plaintext);
        for (var i = 0; i < 120; i++)
            Deliver(i % 3 == 0 ? alice : bob, i % 3 == 0 ? bob : alice, plaintext);
    }

    private static void Report(string name, int count, Action operation)
    {
        for (var i = 0; i < Math.Min(count, 200); i++)
            operation();
        var runs = new double[5];
        for (var run = 0; run < runs.Length; run++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
                operation();
            runs[run] = watch.Elapsed.TotalMicroseconds / count;
        }
        Array.Sort(runs);
        Console.WriteLine($"  {name,-92} {runs[2],9:F2} µs  (n = {count} × 5)");
    }
}
