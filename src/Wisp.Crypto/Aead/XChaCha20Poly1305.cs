using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Aead;

/// <summary>
/// XChaCha20-Poly1305 (libsodium's crypto_aead_xchacha20poly1305_ietf): 32-byte key, 24-byte nonce (safe to pick
/// at random), ciphertext = encrypted plaintext ‖ 16-byte tag.
/// </summary>
public static unsafe class XChaCha20Poly1305
{
    /// <summary>Key length in bytes.</summary>
    public const int KeyBytes = Sodium.XChaChaKeyBytes;

    /// <summary>Nonce length in bytes.</summary>
    public const int NonceBytes = Sodium.XChaChaNonceBytes;

    /// <summary>Tag length in bytes (the ciphertext's overhead).</summary>
    public const int TagBytes = Sodium.AeadTagBytes;

    private const string Name = "XChaCha20-Poly1305";

    /// <summary>Encrypts <paramref name="plaintext"/> into <paramref name="ciphertext"/>, which must be exactly 16 bytes longer.</summary>
    public static void Encrypt(
        ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> ciphertext)
    {
        AeadArguments.CheckKeyAndNonce(key, KeyBytes, nonce, NonceBytes, Name);
        AeadArguments.CheckCiphertextOutput(plaintext.Length, ciphertext.Length, TagBytes);
        Sodium.EnsureInitialized();
        fixed (byte* c = ciphertext, m = plaintext, ad = associatedData, n = nonce, k = key)
        {
            if (Sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
                    c, null, m, (ulong)plaintext.Length, ad, (ulong)associatedData.Length, null, n, k) != 0)
                throw new InvalidOperationException("crypto_aead_xchacha20poly1305_ietf_encrypt failed.");
        }
    }

    /// <summary>Encrypts into a new array (plaintext length + 16).</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var ciphertext = new byte[plaintext.Length + TagBytes];
        Encrypt(key, nonce, plaintext, associatedData, ciphertext);
        return ciphertext;
    }

    /// <summary>
    /// Decrypts <paramref name="ciphertext"/> into <paramref name="plaintext"/> (exactly 16 bytes shorter). Returns false
    /// when authentication fails or the ciphertext is shorter than a tag; <paramref name="plaintext"/> is then zeroed.
    /// </summary>
    public static bool Decrypt(
        ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
    {
        AeadArguments.CheckKeyAndNonce(key, KeyBytes, nonce, NonceBytes, Name);
        if (ciphertext.Length < TagBytes)
            return false;
        AeadArguments.CheckPlaintextOutput(ciphertext.Length, plaintext.Length, TagBytes);
        Sodium.EnsureInitialized();
        fixed (byte* m = plaintext, c = ciphertext, ad = associatedData, n = nonce, k = key)
        {
            if (Sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
                    m, null, null, c, (ulong)ciphertext.Length, ad, (ulong)associatedData.Length, n, k) == 0)
                return true;
        }
        plaintext.Clear();
        return false;
    }
}
