using BenchmarkDotNet.Attributes;
using Wisp.Crypto.Interop;
using Wisp.Protocol.Storage;

namespace Wisp.Bench.Crypto;

/// <summary>
/// <see cref="MessageHash.Compute"/> of a 300-byte message in namespace 0 (hash + unpadded base64 string) against one
/// raw crypto_generichash (BLAKE2b-256) over the same bytes laid out in advance.
/// </summary>
[MemoryDiagnoser]
public unsafe class MessageHashBenchmarks
{
    private StoragePubkey _pubkey = null!;
    private byte[] _data = null!;
    private byte[] _hashInput = null!;
    private readonly byte[] _digest = new byte[32];

    [GlobalSetup]
    public void Setup()
    {
        var pubkey = BenchmarkCheck.Bytes(StoragePubkey.ByteLength, 51);
        pubkey[0] = StoragePubkey.AccountPrefix;
        _pubkey = StoragePubkey.FromBytes(pubkey);
        _data = BenchmarkCheck.Bytes(300, 52);
        // Namespace 0's ns_str is empty, so the hashed bytes are the 33-byte pubkey then the data.
        _hashInput = [.. pubkey, .. _data];
        BenchmarkCheck.Succeeded(Raw(), "crypto_generichash");
        BenchmarkCheck.That(Wisp() == Convert.ToBase64String(_digest).TrimEnd('='), "MessageHash.Compute equals BLAKE2b-256 of (pubkey ‖ data), unpadded base64");
        BenchmarkCheck.That(Wisp().Length == MessageHash.Length, "a message hash is 43 characters");
    }

    [Benchmark(Baseline = true, Description = "raw: crypto_generichash (32 B)")]
    public int Raw()
    {
        fixed (byte* output = _digest, input = _hashInput)
        {
            return Sodium.crypto_generichash(output, 32, input, (ulong)_hashInput.Length, null, 0);
        }
    }

    [Benchmark(Description = "Wisp: MessageHash.Compute")]
    public string Wisp() => MessageHash.Compute(_pubkey, 0, _data);
}
