using System.Security.Cryptography;
using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Noise;

/// <summary>
/// The Noise hash functions for BLAKE2b (spec section 4.3): HASH = BLAKE2b-512, HMAC-HASH per RFC 2104 with
/// BLOCKLEN 128, and HKDF as section 4.3 defines it (RFC 5869 with empty info). All built on libsodium's
/// crypto_generichash; the hashing state sits on the stack and is wiped after use.
/// </summary>
internal static unsafe class NoiseHash
{
    public const int HashLen = NoiseProtocol.HashBytes;
    public const int BlockLen = 128;

    // libsodium asks for 64-byte alignment of crypto_generichash_state (384 bytes).
    private const int StateRoom = 384 + 64;

    /// <summary>HASH(a ‖ b) into <paramref name="output"/> (64 bytes).</summary>
    public static void Hash(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> output) => Hash3(a, b, default, output);

    /// <summary>HMAC-HASH(key, a ‖ b) into <paramref name="output"/> (64 bytes).</summary>
    public static void Hmac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> output)
    {
        Span<byte> block = stackalloc byte[BlockLen];
        Span<byte> inner = stackalloc byte[HashLen];
        block.Clear();
        if (key.Length > BlockLen)
            Hash(key, default, block[..HashLen]);
        else
            key.CopyTo(block);
        try
        {
            for (var i = 0; i < BlockLen; i++)
                block[i] ^= 0x36;
            Hash3(block, a, b, inner);
            // Turn the ipad block into the opad block: 0x36 ^ 0x5c = 0x6a.
            for (var i = 0; i < BlockLen; i++)
                block[i] ^= 0x6a;
            Hash3(block, inner, default, output);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(block);
            CryptographicOperations.ZeroMemory(inner);
        }
    }

    /// <summary>
    /// HKDF(chainingKey, ikm, 2 or 3): writes 64 bytes to each of <paramref name="output1"/>,
    /// <paramref name="output2"/> and, when it is not empty, <paramref name="output3"/>.
    /// </summary>
    public static void Hkdf(ReadOnlySpan<byte> chainingKey, ReadOnlySpan<byte> ikm, Span<byte> output1, Span<byte> output2, Span<byte> output3)
    {
        Span<byte> tempKey = stackalloc byte[HashLen];
        try
        {
            Hmac(chainingKey, ikm, default, tempKey);
            Hmac(tempKey, [0x01], default, output1);
            Hmac(tempKey, output1, [0x02], output2);
            if (!output3.IsEmpty)
                Hmac(tempKey, output2, [0x03], output3);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(tempKey);
        }
    }

    private static void Hash3(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, Span<byte> output)
    {
        Span<byte> room = stackalloc byte[StateRoom];
        fixed (byte* r = room, pa = a, pb = b, pc = c, o = output)
        {
            var state = Align(r);
            Sodium.EnsureInitialized();
            Sodium.crypto_generichash_init(state, null, 0, HashLen);
            Sodium.crypto_generichash_update(state, pa, (ulong)a.Length);
            Sodium.crypto_generichash_update(state, pb, (ulong)b.Length);
            Sodium.crypto_generichash_update(state, pc, (ulong)c.Length);
            Sodium.crypto_generichash_final(state, o, HashLen);
        }
        CryptographicOperations.ZeroMemory(room);
    }

    private static byte* Align(byte* p) => (byte*)(((nint)p + 63) & ~(nint)63);
}
