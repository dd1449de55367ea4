using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Wisp.Client.LocalData;
using Wisp.Crypto;
using Wisp.Crypto.Aead;
using Wisp.Crypto.Kdf;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Account;

/// <summary>
/// How a profile's <see cref="DataKey"/> is stored: encrypted (XChaCha20-Poly1305, random nonce) under a wrapping key
/// that is either derived from the passphrase with Argon2id, or — for a profile made without a passphrase — random and
/// stored in the clear in <c>profile.json</c>, which protects nothing at rest. The associated data binds the wrapped
/// key to the Account ID, so a data key cannot be moved between profiles.
/// </summary>
internal static class DataKeyWrapping
{
    /// <summary>Wraps <paramref name="dataKey"/> for a new profile of <paramref name="keys"/>.</summary>
    public static ProfileFile Wrap(Ed25519KeyPair keys, DataKey dataKey, Passphrase? passphrase, PasswordKdfLimits limits)
    {
        var wrappingKey = GC.AllocateArray<byte>(XChaCha20Poly1305.KeyBytes, pinned: true);
        try
        {
            KdfSettings? kdf = null;
            byte[]? storedWrappingKey = null;
            if (passphrase is null)
            {
                RandomBytes.Fill(wrappingKey);
                storedWrappingKey = wrappingKey.ToArray();
            }
            else
            {
                kdf = new KdfSettings(limits, RandomBytes.Get(PasswordKdf.SaltBytes));
                PasswordKdf.DeriveKey(passphrase.Chars, kdf.Salt, kdf.Limits, wrappingKey);
            }
            var nonce = RandomBytes.Get(XChaCha20Poly1305.NonceBytes);
            var wrapped = XChaCha20Poly1305.Encrypt(wrappingKey, nonce, dataKey.Span, AssociatedData(keys.AccountId));
            return new ProfileFile(keys.AccountId, keys.PublicKey, kdf, storedWrappingKey, nonce, wrapped);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wrappingKey);
        }
    }

    /// <summary>The profile file of <paramref name="profile"/>'s account with its data key wrapped anew under <paramref name="passphrase"/>.</summary>
    public static ProfileFile Rewrap(ProfileFile profile, DataKey dataKey, Passphrase passphrase, PasswordKdfLimits limits)
    {
        var wrappingKey = GC.AllocateArray<byte>(XChaCha20Poly1305.KeyBytes, pinned: true);
        try
        {
            var kdf = new KdfSettings(limits, RandomBytes.Get(PasswordKdf.SaltBytes));
            PasswordKdf.DeriveKey(passphrase.Chars, kdf.Salt, kdf.Limits, wrappingKey);
            var nonce = RandomBytes.Get(XChaCha20Poly1305.NonceBytes);
            var wrapped = XChaCha20Poly1305.Encrypt(wrappingKey, nonce, dataKey.Span, AssociatedData(profile.AccountId));
            return profile with { Kdf = kdf, WrappingKey = null, DataKeyNonce = nonce, WrappedDataKey = wrapped };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wrappingKey);
        }
    }

    /// <summary>
    /// Unwraps the data key with <paramref name="passphrase"/> (ignored for a profile without one). False when the
    /// wrapped key fails authentication: with a passphrase, that is a wrong passphrase (or a damaged wrapped key; the
    /// two cannot be told apart); without one, the profile file is damaged.
    /// </summary>
    public static bool TryUnwrap(ProfileFile profile, Passphrase? passphrase, [NotNullWhen(true)] out DataKey? dataKey)
    {
        dataKey = null;
        var wrappingKey = GC.AllocateArray<byte>(XChaCha20Poly1305.KeyBytes, pinned: true);
        var plaintext = GC.AllocateArray<byte>(DataKey.Bytes, pinned: true);
        try
        {
            if (profile.Kdf is null)
                profile.WrappingKey!.CopyTo(wrappingKey, 0);
            else
                PasswordKdf.DeriveKey(passphrase!.Chars, profile.Kdf.Salt, profile.Kdf.Limits, wrappingKey);
            if (!XChaCha20Poly1305.Decrypt(wrappingKey, profile.DataKeyNonce, profile.WrappedDataKey, AssociatedData(profile.AccountId), plaintext))
                return false;
            dataKey = new DataKey(plaintext);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wrappingKey);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] AssociatedData(AccountId accountId) => Encoding.UTF8.GetBytes($"wisp/profile/data_key/{accountId.Hex}");
}
