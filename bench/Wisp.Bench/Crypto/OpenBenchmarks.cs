using BenchmarkDotNet.Attributes;
using Wisp.Crypto.Interop;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Sealing;

namespace Wisp.Bench.Crypto;

/// <summary>
/// <see cref="SessionSealer.Open"/> of a sealed 300-byte message against the libsodium calls it composes:
/// crypto_box_seal_open, crypto_sign_ed25519_pk_to_curve25519 (the sender's Account ID, which Open also returns) and
/// crypto_sign_verify_detached over (M ‖ A ‖ Y).
/// </summary>
[MemoryDiagnoser]
public unsafe class OpenBenchmarks
{
    private const int MessageBytes = 300;
    private const int InnerBytes = MessageBytes + 32 + 64;

    private Ed25519KeyPair _recipient = null!;
    private byte[] _message = null!;
    private byte[] _sealed = null!;
    private byte[] _inner = null!;
    private byte[] _signed = null!;
    private byte[] _senderX25519 = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var sender = Ed25519KeyPair.FromSeed(BenchmarkCheck.Bytes(32, 1));
        _recipient = Ed25519KeyPair.FromSeed(BenchmarkCheck.Bytes(32, 2));
        _message = BenchmarkCheck.Bytes(MessageBytes, 3);
        _sealed = SessionSealer.Seal(sender, _recipient.X25519PublicKey, _message);
        _inner = new byte[InnerBytes];
        _signed = new byte[MessageBytes + 32 + 32];
        _recipient.X25519PublicKey.Span.CopyTo(_signed.AsSpan(MessageBytes + 32));
        _senderX25519 = new byte[32];

        var opened = Wisp();
        BenchmarkCheck.That(opened.Succeeded && opened.Plaintext.AsSpan().SequenceEqual(_message), "SessionSealer.Open gives the sealed message back");
        BenchmarkCheck.Succeeded(Raw(), "raw crypto_box_seal_open + verify");
        BenchmarkCheck.That(_inner.AsSpan(0, MessageBytes).SequenceEqual(_message), "the raw calls open the message");
        var tampered = (byte[])_sealed.Clone();
        tampered[^1] ^= 1;
        BenchmarkCheck.That(!SessionSealer.Open(_recipient, tampered).Succeeded, "a tampered message does not open");
    }

    [Benchmark(Baseline = true, Description = "raw: crypto_box_seal_open + pk_to_curve25519 + crypto_sign_verify_detached")]
    public int Raw()
    {
        fixed (byte* m = _inner, c = _sealed, pk = _recipient.X25519PublicKey.Span, sk = _recipient.X25519SecretKey,
               signed = _signed, senderX = _senderX25519)
        {
            if (Sodium.crypto_box_seal_open(m, c, (ulong)_sealed.Length, pk, sk) != 0)
                return -1;
            var senderEd = m + MessageBytes;
            if (Sodium.crypto_sign_ed25519_pk_to_curve25519(senderX, senderEd) != 0)
                return -2;
            // The signed bytes are M ‖ A ‖ Y: copy M ‖ A next to Y, as Open does.
            Buffer.MemoryCopy(m, signed, MessageBytes + 32, MessageBytes + 32);
            return Sodium.crypto_sign_verify_detached(m + MessageBytes + 32, signed, (ulong)_signed.Length, senderEd);
        }
    }

    [Benchmark(Description = "Wisp: SessionSealer.Open")]
    public OpenResult Wisp() => SessionSealer.Open(_recipient, _sealed);

    [GlobalCleanup]
    public void Cleanup() => _recipient.Dispose();
}
