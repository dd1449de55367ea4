using BenchmarkDotNet.Attributes;
using Wisp.Crypto.Interop;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;

namespace Wisp.Bench.Crypto;

/// <summary><see cref="Ed25519.Verify(Ed25519PublicKey, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> of 300 bytes against raw crypto_sign_verify_detached.</summary>
[MemoryDiagnoser]
public unsafe class VerifyBenchmarks
{
    private Ed25519PublicKey _publicKey = null!;
    private byte[] _message = null!;
    private byte[] _signature = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var signer = Ed25519KeyPair.FromSeed(BenchmarkCheck.Bytes(32, 21));
        _publicKey = signer.PublicKey;
        _message = BenchmarkCheck.Bytes(300, 22);
        _signature = Ed25519.Sign(signer, _message);
        BenchmarkCheck.That(Wisp(), "Ed25519.Verify accepts a good signature");
        BenchmarkCheck.Succeeded(Raw(), "crypto_sign_verify_detached");
        _message[0] ^= 1;
        BenchmarkCheck.That(!Wisp() && Raw() != 0, "an altered message does not verify");
        _message[0] ^= 1;
    }

    [Benchmark(Baseline = true, Description = "raw: crypto_sign_verify_detached")]
    public int Raw()
    {
        fixed (byte* sig = _signature, m = _message, pk = _publicKey.Span)
        {
            return Sodium.crypto_sign_verify_detached(sig, m, (ulong)_message.Length, pk);
        }
    }

    [Benchmark(Description = "Wisp: Ed25519.Verify")]
    public bool Wisp() => Ed25519.Verify(_publicKey, _message, _signature);
}
