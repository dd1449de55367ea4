using Wisp.Crypto.Keys;
using Wisp.Network.Registry;

namespace Wisp.Network.Tests.Support;

/// <summary>Deterministic node keys (seed = the index, little-endian, zero-padded) and joins on distinct loopback ports.</summary>
internal static class TestNodes
{
    private static readonly Lock Gate = new();
    private static readonly List<Ed25519KeyPair> Pairs = [];

    public static Ed25519KeyPair Pair(int index)
    {
        lock (Gate)
        {
            while (Pairs.Count <= index)
            {
                var seed = new byte[Ed25519KeyPair.SeedBytes];
                BitConverter.TryWriteBytes(seed, Pairs.Count + 1);
                seed[31] = 0x77;
                Pairs.Add(Ed25519KeyPair.FromSeed(seed));
            }
            return Pairs[index];
        }
    }

    public static Ed25519PublicKey Key(int index) => Pair(index).PublicKey;

    public static NodeJoin Join(int index) => NodeJoin.For(Key(index), "127.0.0.1", 20000 + index, "0.1.0");

    /// <summary>A registry key that is not any node's.</summary>
    public static Ed25519KeyPair RegistryKey(int which = 0)
    {
        var seed = new byte[Ed25519KeyPair.SeedBytes];
        seed[0] = (byte)which;
        seed[31] = 0x52;
        return Ed25519KeyPair.FromSeed(seed);
    }

    public static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);
}
