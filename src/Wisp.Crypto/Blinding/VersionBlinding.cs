using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;

namespace Wisp.Crypto.Blinding;

/// <summary>
/// Session's version-check blinding, for the file server's <c>X-FS-Pubkey</c> header: a separate Ed25519 key pair
/// from the seed <c>BLAKE2b-256(account seed, key "VersionCheckKey_sig")</c>, shown with the prefix <c>07</c>.
/// It lets the server count clients without learning who they are.
/// </summary>
public static class VersionBlinding
{
    /// <summary>The prefix the file server expects on the key.</summary>
    public const string Prefix = "07";

    private static readonly byte[] s_seedKey = Encoding.ASCII.GetBytes("VersionCheckKey_sig");

    /// <summary>The version-blinded key pair of <paramref name="account"/>.</summary>
    public static Ed25519KeyPair CreateKeyPair(Ed25519KeyPair account)
    {
        ArgumentNullException.ThrowIfNull(account);
        Span<byte> seed = stackalloc byte[Ed25519KeyPair.SeedBytes];
        try
        {
            Blake2b.Hash(account.Seed, seed, s_seedKey);
            return Ed25519KeyPair.FromSeed(seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>The header value: <c>07</c> + hex of the version-blinded public key.</summary>
    public static string HeaderKey(Ed25519KeyPair versionKeyPair)
    {
        ArgumentNullException.ThrowIfNull(versionKeyPair);
        return Prefix + versionKeyPair.PublicKey.ToHex();
    }

    /// <summary>
    /// Signs <c>timestamp ‖ method ‖ path ‖ body</c> with the version-blinded key, the timestamp in decimal
    /// seconds. <paramref name="body"/> is whatever the server expects after the path (libsession appends it
    /// as given; empty for none).
    /// </summary>
    public static byte[] SignRequest(
        Ed25519KeyPair versionKeyPair, long timestampSeconds, string method, string path, ReadOnlySpan<byte> body = default)
    {
        ArgumentNullException.ThrowIfNull(versionKeyPair);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var head = Encoding.UTF8.GetBytes(timestampSeconds.ToString(CultureInfo.InvariantCulture) + method + path);
        var message = new byte[head.Length + body.Length];
        head.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(head.Length));
        return Ed25519.Sign(versionKeyPair, message);
    }
}
