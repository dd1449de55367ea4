using Wisp.Crypto.Hashing;

namespace Wisp.Protocol.Storage;

/// <summary>
/// A stored message's hash, the name clients and nodes use for it: unpadded base64 of
/// BLAKE2b-256(prefix byte ‖ 32-byte key ‖ ns_str ‖ data), 43 characters (Session's <c>computeMessageHash</c>).
/// </summary>
public static class MessageHash
{
    /// <summary>Length of a hash in characters.</summary>
    public const int Length = 43;

    private const int DigestBytes = 32;

    /// <summary>The hash of <paramref name="data"/> stored for <paramref name="pubkey"/> in namespace <paramref name="ns"/>.</summary>
    public static string Compute(StoragePubkey pubkey, int ns, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(pubkey);
        var hasher = Blake2b.CreateIncremental(DigestBytes);
        // Session's "network byte" is the pubkey's own prefix byte, so the 33 bytes go in as they are.
        hasher.Update(pubkey.Bytes);
        hasher.Update(System.Text.Encoding.ASCII.GetBytes(Namespaces.ToSignatureText(ns)));
        hasher.Update(data);
        Span<byte> digest = stackalloc byte[DigestBytes];
        hasher.Finish(digest);
        return Convert.ToBase64String(digest).TrimEnd('=');
    }

    /// <summary>True for 43 characters of the standard base64 alphabet (the shape of every hash this node hands out).</summary>
    public static bool IsWellFormed(string? hash)
    {
        if (hash is null || hash.Length != Length)
            return false;
        foreach (var c in hash)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '+' || c == '/'))
                return false;
        }
        return true;
    }
}
