using System.Security.Cryptography;
using Wisp.Crypto.Aead;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Ratchet;

/// <summary>
/// The ratchet's key derivations, as Signal's Double Ratchet specification recommends them: the root KDF is
/// HKDF-SHA256 salted with the root key, the chain KDF is HMAC-SHA256 of the chain key with the constants 0x01
/// (message key) and 0x02 (next chain key). All from libsodium.
/// </summary>
internal static unsafe class RatchetKdf
{
    /// <summary>Root, chain and message key length in bytes.</summary>
    public const int KeyBytes = 32;

    private static readonly byte[] RootInfo = "WispRatchetRoot"u8.ToArray();
    private static readonly byte[] MessageInfo = "WispRatchetMessage"u8.ToArray();
    private static readonly byte[] SeedInfo = "WispRatchetSeed"u8.ToArray();

    /// <summary>
    /// KDF_RK: (root, chain) = HKDF-SHA256(salt = root key, ikm = DH output ‖ KEM secret (when this step has one),
    /// info = "WispRatchetRoot"), 64 bytes split in two.
    /// </summary>
    public static void Root(ReadOnlySpan<byte> rootKey, ReadOnlySpan<byte> dhOutput, ReadOnlySpan<byte> kemSecret, Span<byte> newRootKey, Span<byte> chainKey)
    {
        Span<byte> ikm = stackalloc byte[dhOutput.Length + kemSecret.Length];
        Span<byte> output = stackalloc byte[2 * KeyBytes];
        try
        {
            dhOutput.CopyTo(ikm);
            kemSecret.CopyTo(ikm[dhOutput.Length..]);
            Hkdf(rootKey, ikm, RootInfo, output);
            output[..KeyBytes].CopyTo(newRootKey);
            output[KeyBytes..].CopyTo(chainKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ikm);
            CryptographicOperations.ZeroMemory(output);
        }
    }

    /// <summary>KDF_CK: message key = HMAC-SHA256(chain key, 0x01), next chain key = HMAC-SHA256(chain key, 0x02).</summary>
    public static void Chain(ReadOnlySpan<byte> chainKey, Span<byte> nextChainKey, Span<byte> messageKey)
    {
        Span<byte> next = stackalloc byte[KeyBytes];
        HmacSha256.Compute(chainKey, [0x01], messageKey);
        HmacSha256.Compute(chainKey, [0x02], next);
        next.CopyTo(nextChainKey);
        CryptographicOperations.ZeroMemory(next);
    }

    /// <summary>
    /// A message key's AEAD key and nonce: HKDF-Expand(PRK = message key, info = "WispRatchetMessage"), 56 bytes.
    /// Each message key seals exactly one message, so a derived nonce never repeats under its key.
    /// </summary>
    public static void MessageKeys(ReadOnlySpan<byte> messageKey, Span<byte> aeadKey, Span<byte> nonce)
    {
        Span<byte> output = stackalloc byte[XChaCha20Poly1305.KeyBytes + XChaCha20Poly1305.NonceBytes];
        try
        {
            Expand(messageKey, MessageInfo, output);
            output[..XChaCha20Poly1305.KeyBytes].CopyTo(aeadKey);
            output[XChaCha20Poly1305.KeyBytes..].CopyTo(nonce);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(output);
        }
    }

    /// <summary>
    /// The initial root key: HKDF-SHA256(salt = none, ikm = X25519 secret ‖ ML-KEM secret,
    /// info = "WispRatchetSeed" ‖ transcript), where the transcript binds both sides' public values.
    /// </summary>
    public static void Seed(ReadOnlySpan<byte> dhOutput, ReadOnlySpan<byte> kemSecret, ReadOnlySpan<byte> transcript, Span<byte> rootKey)
    {
        Span<byte> ikm = stackalloc byte[dhOutput.Length + kemSecret.Length];
        var info = new byte[SeedInfo.Length + transcript.Length];
        SeedInfo.CopyTo(info, 0);
        transcript.CopyTo(info.AsSpan(SeedInfo.Length));
        try
        {
            dhOutput.CopyTo(ikm);
            kemSecret.CopyTo(ikm[dhOutput.Length..]);
            Hkdf(default, ikm, info, rootKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ikm);
        }
    }

    private static void Hkdf(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> ikm, ReadOnlySpan<byte> info, Span<byte> output)
    {
        Span<byte> prk = stackalloc byte[Sodium.HkdfSha256PrkBytes];
        try
        {
            Sodium.EnsureInitialized();
            fixed (byte* p = prk, s = salt, i = ikm)
            {
                if (Sodium.crypto_kdf_hkdf_sha256_extract(p, s, (nuint)salt.Length, i, (nuint)ikm.Length) != 0)
                    throw new InvalidOperationException("crypto_kdf_hkdf_sha256_extract failed.");
            }
            Expand(prk, info, output);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
        }
    }

    private static void Expand(ReadOnlySpan<byte> prk, ReadOnlySpan<byte> info, Span<byte> output)
    {
        Sodium.EnsureInitialized();
        fixed (byte* o = output, c = info, p = prk)
        {
            if (Sodium.crypto_kdf_hkdf_sha256_expand(o, (nuint)output.Length, c, (nuint)info.Length, p) != 0)
                throw new InvalidOperationException("crypto_kdf_hkdf_sha256_expand failed.");
        }
    }
}
