using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Blinding;

/// <summary>
/// Session's legacy community blinding ("15-blinding"). The factor <c>k = reduce(BLAKE2b-512(server key))</c>
/// depends only on the server; the blinded key is <c>kA = (k·a)·B</c>, where a is the account's X25519 secret
/// scalar, so kA = k·A for the account's Ed25519 key A. The ID is <c>15</c> + hex(kA).
/// </summary>
/// <remarks>
/// From a bare Account ID the sign of A is unknown, so two IDs are possible (<see cref="TryGetPossibleIds"/>).
/// The signature nonce secret is <c>SHA-512(seed ‖ A)[32..64]</c>: libsession hashes the whole 64-byte libsodium
/// secret key, not the seed as standard Ed25519 does, and Wisp must match it to make the same signatures.
/// </remarks>
public static class Blind15
{
    /// <summary>The blinded key pair of <paramref name="account"/> on the server whose X25519 key is <paramref name="serverKey"/>.</summary>
    public static BlindedKeyPair CreateKeyPair(Ed25519KeyPair account, X25519PublicKey serverKey)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(serverKey);
        Span<byte> k = stackalloc byte[Ed25519Group.ScalarBytes];
        Span<byte> scalar = stackalloc byte[Ed25519Group.ScalarBytes];
        Span<byte> secretKeyHash = stackalloc byte[BlindingSha512.HashBytes];
        try
        {
            Factor(serverKey, k);
            Ed25519Group.Multiply(k, account.X25519SecretKey, scalar);
            BlindingSha512.Hash(account.SecretKey, [], [], secretKeyHash);
            return new BlindedKeyPair(BlindedId.Blind15Prefix, scalar, secretKeyHash[32..]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(k);
            CryptographicOperations.ZeroMemory(scalar);
            CryptographicOperations.ZeroMemory(secretKeyHash);
        }
    }

    /// <summary>Signs <paramref name="message"/> with <paramref name="account"/>'s 15-blinded key on that server.</summary>
    public static byte[] Sign(Ed25519KeyPair account, X25519PublicKey serverKey, ReadOnlySpan<byte> message)
    {
        using var keyPair = CreateKeyPair(account, serverKey);
        return keyPair.Sign(message);
    }

    /// <summary>
    /// The two 15-blinded IDs an Account ID may have on a server: the one from the Edwards key with a clear sign
    /// bit, and the same with bit 255 set. False when the Account ID is not a usable curve point.
    /// </summary>
    public static bool TryGetPossibleIds(
        AccountId account, X25519PublicKey serverKey,
        [NotNullWhen(true)] out BlindedId? positive, [NotNullWhen(true)] out BlindedId? negative)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(serverKey);
        positive = negative = null;
        Span<byte> k = stackalloc byte[Ed25519Group.ScalarBytes];
        Span<byte> edwards = stackalloc byte[Ed25519Group.PointBytes];
        Span<byte> blinded = stackalloc byte[Ed25519Group.PointBytes];
        Factor(serverKey, k);
        MontgomeryToEdwards.Convert(account.X25519PublicKey.Span, edwards);
        if (!Ed25519Group.TryMultiply(k, edwards, blinded))
            return false;
        positive = new BlindedId(BlindedId.Blind15Prefix, blinded);
        blinded[^1] ^= 0x80;
        negative = new BlindedId(BlindedId.Blind15Prefix, blinded);
        return true;
    }

    /// <summary>k = reduce(BLAKE2b-512(server key)).</summary>
    internal static void Factor(X25519PublicKey serverKey, Span<byte> k)
    {
        Span<byte> hash = stackalloc byte[Ed25519Group.WideScalarBytes];
        Blake2b.Hash(serverKey.Span, hash);
        Ed25519Group.Reduce(hash, k);
    }
}
