using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Hashing;

/// <summary>SHA-512 (libsodium's crypto_hash_sha512).</summary>
public static unsafe class Sha512
{
    /// <summary>Digest length in bytes.</summary>
    public const int HashBytes = Sodium.Sha512Bytes;

    /// <summary>Hashes <paramref name="input"/> into <paramref name="output"/> (exactly 64 bytes).</summary>
    public static void Hash(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length != HashBytes)
            throw new ArgumentException($"A SHA-512 digest is {HashBytes} bytes; got {output.Length}.", nameof(output));
        Sodium.EnsureInitialized();
        fixed (byte* o = output, i = input)
        {
            Sodium.crypto_hash_sha512(o, i, (ulong)input.Length);
        }
    }

    /// <summary>Returns the 64-byte digest of <paramref name="input"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> input)
    {
        var output = new byte[HashBytes];
        Hash(input, output);
        return output;
    }
}
