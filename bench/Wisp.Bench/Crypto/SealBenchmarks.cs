using BenchmarkDotNet.Attributes;
using Wisp.Crypto.Interop;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Sealing;

namespace Wisp.Bench.Crypto;

/// <summary>
/// <see cref="SessionSealer.Seal"/> of a 300-byte message against the two libsodium calls it composes:
/// crypto_sign_detached over (M ‖ A ‖ Y), then crypto_box_seal of (M ‖ A ‖ signature), into preallocated buffers.
/// </summary>
[MemoryDiagnoser]
public unsafe class SealBenchmarks
{
    private const int MessageBytes = 300;

    private Ed25519KeyPair _sender = null!;
    private Ed25519KeyPair _recipient = null!;
    private byte[] _message = null!;
    private byte[] _toSign = null!;
    private byte[] _inner = null!;
    private byte[] _sealed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sender = Ed25519KeyPair.FromSeed(BenchmarkCheck.Bytes(32, 1));
        _recipient = Ed25519KeyPair.FromSeed(BenchmarkCheck.Bytes(32, 2));
        _message = BenchmarkCheck.Bytes(MessageBytes, 3);
        _toSign = new byte[MessageBytes + 32 + 32];
        _message.CopyTo(_toSign, 0);
        _sender.PublicKey.Span.CopyTo(_toSign.AsSpan(MessageBytes));
        _recipient.X25519PublicKey.Span.CopyTo(_toSign.AsSpan(MessageBytes + 32));
        _inner = new byte[MessageBytes + 32 + 64];
        _toSign.AsSpan(0, MessageBytes + 32).CopyTo(_inner);
        _sealed = new byte[_inner.Length + Sodium.SealBytes];

        var opened = SessionSealer.Open(_recipient, Wisp());
        BenchmarkCheck.That(opened.Succeeded && opened.Plaintext.AsSpan().SequenceEqual(_message), "SessionSealer.Open of Seal's output gives the message back");
        BenchmarkCheck.Succeeded(Raw(), "raw sign + crypto_box_seal");
        var rawOpened = SessionSealer.Open(_recipient, _sealed);
        BenchmarkCheck.That(rawOpened.Succeeded && rawOpened.Plaintext.AsSpan().SequenceEqual(_message), "the raw calls produce what SessionSealer.Open accepts");
    }

    [Benchmark(Baseline = true, Description = "raw: crypto_sign_detached + crypto_box_seal")]
    public int Raw()
    {
        fixed (byte* sig = _inner.AsSpan(MessageBytes + 32), m = _toSign, sk = _sender.SecretKey, c = _sealed, inner = _inner,
               pk = _recipient.X25519PublicKey.Span)
        {
            Sodium.crypto_sign_detached(sig, null, m, (ulong)_toSign.Length, sk);
            return Sodium.crypto_box_seal(c, inner, (ulong)_inner.Length, pk);
        }
    }

    [Benchmark(Description = "Wisp: SessionSealer.Seal")]
    public byte[] Wisp() => SessionSealer.Seal(_sender, _recipient.X25519PublicKey, _message);

    [GlobalCleanup]
    public void Cleanup()
    {
        _sender.Dispose();
        _recipient.Dispose();
    }
}
