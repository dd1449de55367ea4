using BenchmarkDotNet.Attributes;
using Wisp.Crypto.Onion;

namespace Wisp.Bench.Crypto;

/// <summary>
/// A node's cost of peeling one onion layer of 1 KiB: <see cref="HopKey.TryForNode(Wisp.Crypto.Keys.X25519KeyPair, Wisp.Crypto.Keys.X25519PublicKey, OnionEncryptionType, out HopKey?)"/>
/// + <see cref="HopKey.TryDecrypt"/> against raw crypto_scalarmult + the AEAD's decrypt. Target (DESIGN §4): at most 2× raw.
/// </summary>
[MemoryDiagnoser]
public class OnionNodeLayerBenchmarks
{
    private OnionLayerKeys _keys = null!;
    private byte[] _ciphertext = null!;

    [Params(OnionEncryptionType.XChaCha20, OnionEncryptionType.AesGcm)]
    public OnionEncryptionType Type { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _keys = new OnionLayerKeys(Type);
        _keys.CheckCorrectness();
        _ciphertext = _keys.WispEncrypt();
    }

    [Benchmark(Baseline = true, Description = "raw: crypto_scalarmult + AEAD decrypt")]
    public int Raw() => _keys.RawDecrypt();

    [Benchmark(Description = "Wisp: HopKey.TryForNode + TryDecrypt")]
    public byte[]? Wisp() => _keys.WispDecrypt(_ciphertext);

    [GlobalCleanup]
    public void Cleanup() => _keys.Dispose();
}
