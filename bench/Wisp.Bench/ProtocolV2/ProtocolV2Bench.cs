using System.Diagnostics;
using Wisp.Crypto.Interop;
using Wisp.Crypto.Kem;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Sealing;
using Wisp.Crypto.Signing;
using Wisp.Protocol.V2;

namespace Wisp.Bench.ProtocolV2;

/// <summary>
/// Protocol v2 one-to-one messages against v1 and against the primitives v2 composes, in one run: seal and open
/// cost, and the size each form puts on the wire for 10, 100 and 1,000-byte texts. The limit printed beside v2 is
/// the sum of its primitives' raw costs (3 X25519, one ML-KEM-768 encapsulation or decapsulation, one Ed25519
/// sign or verify, the sender key's X25519 form on opening, and one AEAD pass): Wisp's seal and open should stay within 1.5× of it.
/// </summary>
internal static unsafe class ProtocolV2Bench
{
    private const int Rounds = 5;

    public static int Run(string[] args)
    {
        var iterations = args.Length >= 2 && args[0] == "--iterations" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000;
        Console.WriteLine($"Protocol v2 vs v1, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {iterations} iterations × best of {Rounds}");
        Console.WriteLine();

        using var sender = Ed25519KeyPair.Generate();
        using var recipient = Ed25519KeyPair.Generate();
        using var accountKey = AccountKey.Generate();
        var bundle = accountKey.ToBundle();
        AccountKey[] ring = [accountKey];
        var text = new byte[100];

        var v1 = SessionSealer.Seal(sender, recipient.X25519PublicKey, MessagePadding.Pad(text));
        var v2 = DirectMessageV2.Seal(sender, recipient.AccountId, bundle, text);
        var v2NonPfs = DirectMessageV2.SealNonPfs(sender, recipient.AccountId, text);
        Check(SessionSealer.Open(recipient, v1).Succeeded, "v1 opens");
        Check(DirectMessageV2.Open(recipient, ring, v2) is { Succeeded: true, ForwardSecret: true }, "v2 opens forward-secretly");
        Check(DirectMessageV2.Open(recipient, ring, v2NonPfs) is { Succeeded: true, ForwardSecret: false }, "non-PFS v2 opens");

        // Raw primitives, straight from libsodium.
        using var peer = X25519KeyPair.Generate();
        var shared = new byte[32];
        var mlKemSeed = new byte[MlKem768.SeedBytes];
        var mlKemPk = new byte[MlKem768.PublicKeyBytes];
        var mlKemSk = new byte[MlKem768.SecretKeyBytes];
        var ct = new byte[MlKem768.CiphertextBytes];
        var ss = new byte[MlKem768.SharedSecretBytes];
        fixed (byte* pk = mlKemPk, sk = mlKemSk, seed = mlKemSeed, c = ct, s = ss)
        {
            Check(Sodium.crypto_kem_mlkem768_seed_keypair(pk, sk, seed) == 0, "ML-KEM keypair");
            Check(Sodium.crypto_kem_mlkem768_enc(c, s, pk) == 0, "ML-KEM encapsulate");
        }
        int X25519Raw() { fixed (byte* q = shared, n = peer.SecretKey, p = recipient.X25519PublicKey.Span) return Sodium.crypto_scalarmult(q, n, p); }
        int KeyPairRaw() { fixed (byte* pk = mlKemPk, sk = mlKemSk, seed = mlKemSeed) return Sodium.crypto_kem_mlkem768_seed_keypair(pk, sk, seed); }
        int EncapsRaw() { fixed (byte* pk = mlKemPk, c = ct, s = ss) return Sodium.crypto_kem_mlkem768_enc(c, s, pk); }
        int DecapsRaw() { fixed (byte* sk = mlKemSk, c = ct, s = ss) return Sodium.crypto_kem_mlkem768_dec(s, c, sk); }
        var signature = Ed25519.Sign(sender, new byte[64]);
        var aeadKey = new byte[32];
        var aeadNonce = new byte[24];
        var body = new byte[v2.Length - V2Limits.HeaderBytes - 16];
        var bodySealed = Wisp.Crypto.Aead.XChaCha20Poly1305.Encrypt(aeadKey, aeadNonce, body, []);

        // Every operation runs once per round, rounds interleaved, best round kept: on a loaded machine all of them
        // see the same load, so the ratios mean something even when the absolute figures do not.
        var ops = new (string Name, int Iterations, Func<int> Work)[]
        {
            ("x25519", iterations, X25519Raw),
            ("keypair", iterations / 4, KeyPairRaw),
            ("encaps", iterations / 4, EncapsRaw),
            ("decaps", iterations / 4, DecapsRaw),
            ("sign", iterations / 4, () => Ed25519.Sign(sender, new byte[64]).Length),
            ("verify", iterations / 4, () => Ed25519.Verify(sender.PublicKey, new byte[64], signature) ? 1 : 0),
            ("toX25519", iterations / 4, () => sender.PublicKey.ToX25519() is null ? 0 : 1),
            ("aead", iterations, () => Wisp.Crypto.Aead.XChaCha20Poly1305.Decrypt(aeadKey, aeadNonce, bodySealed, [], body) ? 1 : 0),
            ("v1Seal", iterations / 4, () => SessionSealer.Seal(sender, recipient.X25519PublicKey, MessagePadding.Pad(text)).Length),
            ("v1Open", iterations / 4, () => SessionSealer.Open(recipient, v1).Succeeded ? 1 : 0),
            ("v2Seal", iterations / 4, () => DirectMessageV2.Seal(sender, recipient.AccountId, bundle, text).Length),
            ("v2Open", iterations / 4, () => DirectMessageV2.Open(recipient, ring, v2).Succeeded ? 1 : 0),
            ("nonPfsSeal", iterations / 4, () => DirectMessageV2.SealNonPfs(sender, recipient.AccountId, text).Length),
            ("nonPfsOpen", iterations / 4, () => DirectMessageV2.Open(recipient, ring, v2NonPfs).Succeeded ? 1 : 0),
        };
        var best = Interleaved(ops);
        double x25519 = best["x25519"], keyPair = best["keypair"], encaps = best["encaps"], decaps = best["decaps"];
        double sign = best["sign"], verify = best["verify"], toX25519 = best["toX25519"], aead = best["aead"];
        double v1Seal = best["v1Seal"], v1Open = best["v1Open"], v2Seal = best["v2Seal"], v2Open = best["v2Open"];
        double nonPfsSeal = best["nonPfsSeal"], nonPfsOpen = best["nonPfsOpen"];

        Console.WriteLine("raw primitives (libsodium):");
        Console.WriteLine($"  X25519 scalarmult              {x25519,8:F1} µs");
        Console.WriteLine($"  ML-KEM-768 keypair (from seed) {keyPair,8:F1} µs");
        Console.WriteLine($"  ML-KEM-768 encapsulate         {encaps,8:F1} µs");
        Console.WriteLine($"  ML-KEM-768 decapsulate         {decaps,8:F1} µs");
        Console.WriteLine($"  Ed25519 sign / verify          {sign,8:F1} / {verify:F1} µs");
        Console.WriteLine($"  Ed25519 → X25519 public key    {toX25519,8:F1} µs  (the sender's Account ID, v1 and v2 alike)");
        Console.WriteLine($"  XChaCha20-Poly1305 ({body.Length} B)   {aead,8:F1} µs");
        Console.WriteLine();
        // Seal: ephemeral key, KISS DH and account DH (3 X25519), encapsulate, sign, AEAD.
        var sealFloor = (3 * x25519) + encaps + sign + aead;
        // Open: KISS DH and account DH (2 X25519), decapsulate, verify, the sender's Account ID, AEAD.
        var openFloor = (2 * x25519) + decaps + verify + toX25519 + aead;
        Console.WriteLine($"100-byte text        seal        open");
        Console.WriteLine($"  v1 (sealed box)   {v1Seal,7:F1} µs  {v1Open,7:F1} µs");
        Console.WriteLine($"  v2 forward-secret {v2Seal,7:F1} µs  {v2Open,7:F1} µs   = {v2Seal / v1Seal:F1}× / {v2Open / v1Open:F1}× v1");
        Console.WriteLine($"  v2 non-PFS        {nonPfsSeal,7:F1} µs  {nonPfsOpen,7:F1} µs   (open tries the account key first, as Session does)");
        Console.WriteLine($"  v2 primitives sum {sealFloor,7:F1} µs  {openFloor,7:F1} µs   limit 1.5×: seal {v2Seal / sealFloor:F2}× {Verdict(v2Seal / sealFloor)}, open {v2Open / openFloor:F2}× {Verdict(v2Open / openFloor)}");
        Console.WriteLine();
        Console.WriteLine("bytes on the wire (v1: Session's 160-byte content padding inside a sealed box; v2: 1536 + 256·N)");
        foreach (var length in new[] { 10, 100, 1000 })
        {
            var content = new byte[length];
            var v1Length = SessionSealer.Seal(sender, recipient.X25519PublicKey, MessagePadding.Pad(content)).Length;
            var v2Length = DirectMessageV2.Seal(sender, recipient.AccountId, bundle, content).Length;
            Console.WriteLine($"  {length,5}-byte text: v1 {v1Length,5} B, v2 {v2Length,5} B, overhead +{v2Length - v1Length,5} B ({(double)v2Length / v1Length:F1}×)");
        }
        return 0;
    }

    private static string Verdict(double ratio) => ratio <= 1.5 ? "(met)" : "(NOT met)";

    private static Dictionary<string, double> Interleaved((string Name, int Iterations, Func<int> Work)[] ops)
    {
        var best = ops.ToDictionary(o => o.Name, _ => double.MaxValue);
        foreach (var op in ops)
            op.Work();
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var (name, iterations, work) in ops)
            {
                var started = Stopwatch.GetTimestamp();
                for (var i = 0; i < iterations; i++)
                    work();
                best[name] = Math.Min(best[name], Stopwatch.GetElapsedTime(started).TotalMicroseconds / iterations);
            }
        }
        return best;
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
            throw new InvalidOperationException($"Correctness check failed before measuring: {what}.");
    }
}
