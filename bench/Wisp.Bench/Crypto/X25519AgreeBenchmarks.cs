using BenchmarkDotNet.Attributes;
using Wisp.Crypto.Interop;
using Wisp.Crypto.Keys;

namespace Wisp.Bench.Crypto;

/// <summary><see cref="X25519.TryAgree(X25519KeyPair, X25519PublicKey, out SharedSecret?)"/> (with its dispose) against raw crypto_scalarmult.</summary>
[MemoryDiagnoser]
public unsafe class X25519AgreeBenchmarks
{
    private X25519KeyPair _ours = null!;
    private X25519KeyPair _theirs = null!;
    private readonly byte[] _shared = new byte[32];

    [GlobalSetup]
    public void Setup()
    {
        _ours = X25519KeyPair.FromSecret(BenchmarkCheck.Bytes(32, 31));
        _theirs = X25519KeyPair.FromSecret(BenchmarkCheck.Bytes(32, 32));
        BenchmarkCheck.That(Wisp(), "X25519.TryAgree succeeds with a valid key");
        BenchmarkCheck.Succeeded(Raw(), "crypto_scalarmult");
        var reverse = new byte[32];
        fixed (byte* q = reverse, n = _theirs.SecretKey, p = _ours.PublicKey.Span)
        {
            BenchmarkCheck.Succeeded(Sodium.crypto_scalarmult(q, n, p), "crypto_scalarmult (reverse)");
        }
        BenchmarkCheck.That(reverse.AsSpan().SequenceEqual(_shared), "both sides agree on the same secret");
        BenchmarkCheck.That(!X25519.TryAgree(_ours, new X25519PublicKey(new byte[32]), out _), "a low-order key is refused");
    }

    [Benchmark(Baseline = true, Description = "raw: crypto_scalarmult")]
    public int Raw()
    {
        fixed (byte* q = _shared, n = _ours.SecretKey, p = _theirs.PublicKey.Span)
        {
            return Sodium.crypto_scalarmult(q, n, p);
        }
    }

    [Benchmark(Description = "Wisp: X25519.TryAgree")]
    public bool Wisp()
    {
        if (!X25519.TryAgree(_ours, _theirs.PublicKey, out var secret))
            return false;
        secret.Dispose();
        return true;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ours.Dispose();
        _theirs.Dispose();
    }
}
