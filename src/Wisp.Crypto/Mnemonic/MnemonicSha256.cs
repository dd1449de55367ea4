using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Mnemonic;

/// <summary>SHA-256 from libsodium, for the BIP39 checksum (the only place Wisp needs SHA-256).</summary>
internal static unsafe class MnemonicSha256
{
    public const int HashBytes = Sodium.Sha256Bytes;

    public static void Hash(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length != HashBytes)
            throw new ArgumentException($"A SHA-256 hash is {HashBytes} bytes; got {output.Length}.", nameof(output));
        Sodium.EnsureInitialized();
        fixed (byte* o = output, i = input)
        {
            if (Sodium.crypto_hash_sha256(o, i, (ulong)input.Length) != 0)
                throw new InvalidOperationException("crypto_hash_sha256 failed.");
        }
    }
}
