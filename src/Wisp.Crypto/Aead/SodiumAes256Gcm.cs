using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Aead;

/// <summary>libsodium's AES-256-GCM, usable only where <see cref="IsAvailable"/> is true. Lengths are checked by <see cref="Aes256Gcm"/>.</summary>
internal static unsafe class SodiumAes256Gcm
{
    public static bool IsAvailable()
    {
        Sodium.EnsureInitialized();
        return Sodium.crypto_aead_aes256gcm_is_available() == 1;
    }

    public static void Encrypt(
        ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> ciphertext)
    {
        fixed (byte* c = ciphertext, m = plaintext, ad = associatedData, n = nonce, k = key)
        {
            if (Sodium.crypto_aead_aes256gcm_encrypt(c, null, m, (ulong)plaintext.Length, ad, (ulong)associatedData.Length, null, n, k) != 0)
                throw new InvalidOperationException("crypto_aead_aes256gcm_encrypt failed.");
        }
    }

    public static bool Decrypt(
        ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
    {
        fixed (byte* m = plaintext, c = ciphertext, ad = associatedData, n = nonce, k = key)
        {
            return Sodium.crypto_aead_aes256gcm_decrypt(m, null, null, c, (ulong)ciphertext.Length, ad, (ulong)associatedData.Length, n, k) == 0;
        }
    }
}
