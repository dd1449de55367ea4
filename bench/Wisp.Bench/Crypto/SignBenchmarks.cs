using BenchmarkDotNet.Attributes;
using Wisp.Crypto.Interop;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;

namespace Wisp.Bench.Crypto;

/// <summary><see cref="Ed25519.Sign(Ed25519KeyPair, ReadOnlySpan{byte}, Span{byte})"/> of 300 bytes against raw crypto_sign_detached.</summary>
[MemoryDiagnoser]
public unsafe class SignBenchmarks
{
    private Ed25519KeyPair _signer = null!;
    private byte[] _message = null!;
    private readonly byte[] _signature = new byte[Ed25519.SignatureBytes];

    [GlobalSetup]
    public void Setup()
    {
        _signer = Ed25519KeyPair.FromSeed(BenchmarkCheck.Bytes(32, 11));
        _message = BenchmarkCheck.Bytes(300, 12);
        Wisp();
        BenchmarkCheck.That(Ed25519.Verify(_signer.PublicKey, _message, _signature), "Ed25519.Sign's signature verifies");
        BenchmarkCheck.Succeeded(Raw(), "crypto_sign_detached");
        BenchmarkCheck.That(Ed25519.Verify(_signer.PublicKey, _message, _signature), "the raw signature verifies");
    }

    [Benchmark(Baseline = true, Description = "raw: crypto_sign_detached")]
    public int Raw()
    {
        fixed (byte* sig = _signature, m = _message, sk = _signer.SecretKey)
        {
            return Sodium.crypto_sign_detached(sig, null, m, (ulong)_message.Length, sk);
        }
    }

    [Benchmark(Description = "Wisp: Ed25519.Sign")]
    public void Wisp() => Ed25519.Sign(_signer, _message, _signature);

    [GlobalCleanup]
    public void Cleanup() => _signer.Dispose();
}
