using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Aead;

/// <summary>
/// AES-256-GCM: 32-byte key, 12-byte nonce, ciphertext = encrypted plaintext ‖ 16-byte tag. Uses libsodium's
/// crypto_aead_aes256gcm where the CPU supports it (AES-NI and CLMUL) and BouncyCastle's GCM everywhere else;
/// both produce the same bytes. Random 12-byte nonces are safe for a key used a limited number of times (an onion
/// hop key is used twice).
/// </summary>
public static class Aes256Gcm
{
    /// <summary>Key length in bytes.</summary>
    public const int KeyBytes = Sodium.AesGcmKeyBytes;

    /// <summary>Nonce length in bytes.</summary>
    public const int NonceBytes = Sodium.AesGcmNonceBytes;

    /// <summary>Tag length in bytes (the ciphertext's overhead).</summary>
    public const int TagBytes = Sodium.AeadTagBytes;

    internal const string Name = "AES-256-GCM";

    /// <summary>True when libsodium's hardware implementation is used on this machine.</summary>
    public static bool IsHardwareAccelerated { get; } = SodiumAes256Gcm.IsAvailable();

    /// <summary>Encrypts <paramref name="plaintext"/> into <paramref name="ciphertext"/>, which must be exactly 16 bytes longer.</summary>
    public static void Encrypt(
        ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> ciphertext)
    {
        AeadArguments.CheckKeyAndNonce(key, KeyBytes, nonce, NonceBytes, Name);
        AeadArguments.CheckCiphertextOutput(plaintext.Length, ciphertext.Length, TagBytes);
        if (IsHardwareAccelerated)
            SodiumAes256Gcm.Encrypt(key, nonce, plaintext, associatedData, ciphertext);
        else
            BouncyCastleAes256Gcm.Encrypt(key, nonce, plaintext, associatedData, ciphertext);
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
        var ok = IsHardwareAccelerated
            ? SodiumAes256Gcm.Decrypt(key, nonce, ciphertext, associatedData, plaintext)
            : BouncyCastleAes256Gcm.Decrypt(key, nonce, ciphertext, associatedData, plaintext);
        if (!ok)
            plaintext.Clear();
        return ok;
    }
}
