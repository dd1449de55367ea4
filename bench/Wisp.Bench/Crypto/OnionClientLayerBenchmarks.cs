using BenchmarkDotNet.Attributes;
using Wisp.Crypto.Onion;

namespace Wisp.Bench.Crypto;

/// <summary>
/// The client's cost of one onion layer of 1 KiB: <see cref="HopKey.TryForClient"/> + <see cref="HopKey.Encrypt"/>
/// against raw crypto_scalarmult + the AEAD's encrypt. Target (DESIGN §4): at most 2× raw.
/// </summary>
[MemoryDiagnoser]
public class OnionClientLayerBenchmarks
{
    private OnionLayerKeys _keys = null!;

    [Params(OnionEncryptionType.XChaCha20, OnionEncryptionType.AesGcm)]
    public OnionEncryptionType Type { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _keys = new OnionLayerKeys(Type);
        _keys.CheckCorrectness();
    }

    [Benchmark(Baseline = true, Description = "raw: crypto_scalarmult + AEAD encrypt")]
    public int Raw() => _keys.RawEncrypt();

    [Benchmark(Description = "Wisp: HopKey.TryForClient + Encrypt")]
    public byte[] Wisp() => _keys.WispEncrypt();

    [GlobalCleanup]
    public void Cleanup() => _keys.Dispose();
}
