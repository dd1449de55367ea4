using System.Security.Cryptography;
using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Hashing;

/// <summary>
/// HMAC-SHA-256 (libsodium's crypto_auth_hmacsha256 init/update/final, which accepts a key of any length, as
/// the onion hop key derivation's 4-byte key "LOKI" needs).
/// </summary>
public static unsafe class HmacSha256
{
    /// <summary>MAC length in bytes.</summary>
    public const int MacBytes = Sodium.HmacSha256Bytes;

    /// <summary>Computes the MAC of <paramref name="message"/> under <paramref name="key"/> into <paramref name="mac"/> (exactly 32 bytes).</summary>
    public static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> mac)
    {
        if (mac.Length != MacBytes)
            throw new ArgumentException($"An HMAC-SHA-256 output is {MacBytes} bytes; got {mac.Length}.", nameof(mac));
        Sodium.EnsureInitialized();
        // The state holds key-derived pads: keep it on the stack and wipe it.
        Span<byte> state = stackalloc byte[(int)Sodium.crypto_auth_hmacsha256_statebytes()];
        try
        {
            fixed (byte* s = state, k = key, m = message, o = mac)
            {
                Sodium.crypto_auth_hmacsha256_init(s, k, (nuint)key.Length);
                Sodium.crypto_auth_hmacsha256_update(s, m, (ulong)message.Length);
                Sodium.crypto_auth_hmacsha256_final(s, o);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(state);
        }
    }

    /// <summary>Returns the 32-byte MAC of <paramref name="message"/> under <paramref name="key"/>.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message)
    {
        var mac = new byte[MacBytes];
        Compute(key, message, mac);
        return mac;
    }

    /// <summary>True when <paramref name="mac"/> is the MAC of <paramref name="message"/>; compared in constant time. Any wrong length is false.</summary>
    public static bool Verify(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> mac)
    {
        if (mac.Length != MacBytes)
            return false;
        Span<byte> expected = stackalloc byte[MacBytes];
        Compute(key, message, expected);
        return CryptographicOperations.FixedTimeEquals(expected, mac);
    }
}
