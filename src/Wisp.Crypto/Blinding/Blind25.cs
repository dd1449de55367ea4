using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Blinding;

/// <summary>
/// Session's newer community blinding ("25-blinding"). The factor <c>k = reduce(BLAKE2b-512(0x05 ‖ X ‖ server key))</c>
/// depends on the account's X25519 key X as well as the server. The blinded key is <c>k·|A|</c>, with |A| the
/// account's Ed25519 key with its sign bit cleared, so a bare Account ID gives exactly one ID: <c>25</c> + hex.
/// </summary>
/// <remarks>
/// The blinded secret scalar is <c>k'·a</c> with <c>k' = −k</c> when the real Ed25519 key's sign bit is set, so that
/// (k'·a)·B = k·|A| either way. The signature nonce secret is <c>BLAKE2b-256(seed, key "SessCommBlind25_seed")</c>.
/// </remarks>
public static class Blind25
{
    private static readonly byte[] s_nonceSecretKey = Encoding.ASCII.GetBytes("SessCommBlind25_seed");

    /// <summary>The blinded key pair of <paramref name="account"/> on the server whose X25519 key is <paramref name="serverKey"/>.</summary>
    public static BlindedKeyPair CreateKeyPair(Ed25519KeyPair account, X25519PublicKey serverKey)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(serverKey);
        Span<byte> k = stackalloc byte[Ed25519Group.ScalarBytes];
        Span<byte> scalar = stackalloc byte[Ed25519Group.ScalarBytes];
        Span<byte> nonceSecret = stackalloc byte[32];
        try
        {
            Factor(account.X25519PublicKey, serverKey, k);
            if ((account.PublicKey.Span[^1] & 0x80) != 0)
                Ed25519Group.Negate(k, k);
            Ed25519Group.Multiply(k, account.X25519SecretKey, scalar);
            Blake2b.Hash(account.Seed, nonceSecret, s_nonceSecretKey);
            return new BlindedKeyPair(BlindedId.Blind25Prefix, scalar, nonceSecret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(k);
            CryptographicOperations.ZeroMemory(scalar);
            CryptographicOperations.ZeroMemory(nonceSecret);
        }
    }

    /// <summary>Signs <paramref name="message"/> with <paramref name="account"/>'s 25-blinded key on that server.</summary>
    public static byte[] Sign(Ed25519KeyPair account, X25519PublicKey serverKey, ReadOnlySpan<byte> message)
    {
        using var keyPair = CreateKeyPair(account, serverKey);
        return keyPair.Sign(message);
    }

    /// <summary>The 25-blinded ID of an Account ID on a server. False when the Account ID is not a usable curve point.</summary>
    public static bool TryGetId(AccountId account, X25519PublicKey serverKey, [NotNullWhen(true)] out BlindedId? id)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(serverKey);
        id = null;
        Span<byte> k = stackalloc byte[Ed25519Group.ScalarBytes];
        Span<byte> edwards = stackalloc byte[Ed25519Group.PointBytes];
        Span<byte> blinded = stackalloc byte[Ed25519Group.PointBytes];
        Factor(account.X25519PublicKey, serverKey, k);
        MontgomeryToEdwards.Convert(account.X25519PublicKey.Span, edwards);
        if (!Ed25519Group.TryMultiply(k, edwards, blinded))
            return false;
        id = new BlindedId(BlindedId.Blind25Prefix, blinded);
        return true;
    }

    /// <summary>k = reduce(BLAKE2b-512(0x05 ‖ X ‖ server key)).</summary>
    internal static void Factor(X25519PublicKey account, X25519PublicKey serverKey, Span<byte> k)
    {
        Span<byte> hash = stackalloc byte[Ed25519Group.WideScalarBytes];
        var hasher = Blake2b.CreateIncremental(Ed25519Group.WideScalarBytes);
        hasher.Update([AccountId.Prefix]);
        hasher.Update(account.Span);
        hasher.Update(serverKey.Span);
        hasher.Finish(hash);
        Ed25519Group.Reduce(hash, k);
    }
}
