using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Wisp.Crypto.Aead;

/// <summary>
/// BouncyCastle's AES-256-GCM, the fallback for CPUs where libsodium has none. Lengths are checked by
/// <see cref="Aes256Gcm"/>. (BouncyCastle keeps its own copy of the key schedule until it is collected.)
/// </summary>
internal static class BouncyCastleAes256Gcm
{
    private const int TagBits = Aes256Gcm.TagBytes * 8;

    public static void Encrypt(
        ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> ciphertext)
    {
        var gcm = Create(forEncryption: true, key, nonce, associatedData);
        var written = gcm.ProcessBytes(plaintext, ciphertext);
        gcm.DoFinal(ciphertext[written..]);
    }

    public static bool Decrypt(
        ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
    {
        var gcm = Create(forEncryption: false, key, nonce, associatedData);
        try
        {
            var written = gcm.ProcessBytes(ciphertext, plaintext);
            gcm.DoFinal(plaintext[written..]);
            return true;
        }
        catch (InvalidCipherTextException)
        {
            return false;
        }
    }

    private static GcmBlockCipher Create(bool forEncryption, ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData)
    {
        var gcm = new GcmBlockCipher(new AesEngine());
        gcm.Init(forEncryption, new AeadParameters(new KeyParameter(key), TagBits, nonce.ToArray(), associatedData.ToArray()));
        return gcm;
    }
}
