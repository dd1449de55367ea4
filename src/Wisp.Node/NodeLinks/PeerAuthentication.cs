using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Network.Registry;

namespace Wisp.Node.NodeLinks;

/// <summary>
/// Authentication of node-to-node requests. The sender adds three headers: <see cref="NodeHeader"/> (its Ed25519 key,
/// hex), <see cref="TimestampHeader"/> (Unix ms) and <see cref="SignatureHeader"/> (base64 Ed25519 signature over
/// <c>method ‖ path ‖ timestamp ‖ BLAKE2b-256(body)</c>, the timestamp in decimal ASCII). The receiver accepts a request
/// only from an active node of its registry, within ±60 s of its clock, with a valid signature.
/// <para>
/// TLS: nodes use self-signed certificates that the registry does not carry, so node-to-node clients accept any
/// certificate (as the onion relay does) and rely on these signatures for who is calling. A party in the middle can
/// read forwarded requests (which a client already sends to any node in the clear of TLS termination) and can drop
/// them, but cannot forge or alter one: the signature covers the method, path, time and body.
/// </para>
/// </summary>
public static class PeerAuthentication
{
    /// <summary>The sending node's Ed25519 key, 64 hex characters.</summary>
    public const string NodeHeader = "X-Wisp-Node";

    /// <summary>When the request was signed, Unix milliseconds.</summary>
    public const string TimestampHeader = "X-Wisp-Timestamp";

    /// <summary>The Ed25519 signature, base64.</summary>
    public const string SignatureHeader = "X-Wisp-Signature";

    /// <summary>The bytes signed: method ‖ path ‖ timestamp (decimal) ‖ BLAKE2b-256(body).</summary>
    public static byte[] SignedBytes(string method, string path, long timestampMs, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var prefix = Encoding.UTF8.GetBytes(method + path + timestampMs.ToString(CultureInfo.InvariantCulture));
        var signed = new byte[prefix.Length + 32];
        prefix.CopyTo(signed, 0);
        Blake2b.Hash(body, signed.AsSpan(prefix.Length));
        return signed;
    }

    /// <summary>The three header values for a request signed by <paramref name="node"/> at <paramref name="timestampMs"/>.</summary>
    public static (string Node, string Timestamp, string Signature) Sign(
        Ed25519KeyPair node, string method, string path, long timestampMs, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(node);
        var signature = Ed25519.Sign(node, SignedBytes(method, path, timestampMs, body));
        return (node.PublicKey.ToHex(), timestampMs.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(signature));
    }

    /// <summary>
    /// The cheap half of the check, before the body is read: the headers are present and well formed and name an
    /// active node of <paramref name="registry"/>. Returns the claimed sender or why it is refused.
    /// </summary>
    public static PeerCheck Identify(IHeaderDictionary headers, RegistrySnapshot registry)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(registry);
        string? nodeHex = headers[NodeHeader], timestamp = headers[TimestampHeader], signature = headers[SignatureHeader];
        if (nodeHex is null || timestamp is null || signature is null)
            return PeerCheck.Refuse(StatusCodes.Status401Unauthorized,
                $"node-to-node requests must carry {NodeHeader}, {TimestampHeader} and {SignatureHeader}");
        if (nodeHex.Length != 64 || !nodeHex.All(Uri.IsHexDigit))
            return PeerCheck.Refuse(StatusCodes.Status401Unauthorized, $"{NodeHeader} must be an Ed25519 key, 64 hex characters");
        var node = Ed25519PublicKey.FromHex(nodeHex);
        if (registry.FindNode(node) is not { IsActive: true })
            return PeerCheck.Refuse(StatusCodes.Status403Forbidden, $"node {nodeHex} is not an active node of this registry");
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var timestampMs))
            return PeerCheck.Refuse(StatusCodes.Status401Unauthorized, $"{TimestampHeader} must be Unix milliseconds");
        var signatureBytes = new byte[64];
        if (!Convert.TryFromBase64String(signature, signatureBytes, out var written) || written != 64)
            return PeerCheck.Refuse(StatusCodes.Status401Unauthorized, $"{SignatureHeader} must be a 64-byte signature, base64");
        return new PeerCheck(node, timestampMs, signatureBytes, 0, null);
    }

    /// <summary>
    /// The rest of the check, once the body is read: the timestamp is within <see cref="NodeLinkLimits.PeerClockTolerance"/>
    /// of <paramref name="nowMs"/> and the signature verifies. Null when the request is authentic.
    /// </summary>
    public static PeerCheck? Verify(PeerCheck identified, string method, string path, ReadOnlySpan<byte> body, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(identified);
        if (!identified.IsAccepted)
            return identified;
        var offset = identified.TimestampMs - nowMs;
        if (Math.Abs(offset) > (long)NodeLinkLimits.PeerClockTolerance.TotalMilliseconds)
            return PeerCheck.Refuse(StatusCodes.Status401Unauthorized,
                $"{TimestampHeader} is {offset / 1000} s from this node's clock (allowed ±{NodeLinkLimits.PeerClockTolerance.TotalSeconds} s)");
        if (!Ed25519.Verify(identified.Node!, SignedBytes(method, path, identified.TimestampMs, body), identified.Signature))
            return PeerCheck.Refuse(StatusCodes.Status401Unauthorized, "node signature verification failed");
        return null;
    }
}

/// <summary>The outcome of <see cref="PeerAuthentication.Identify"/>: the claimed sender, or a status and reason.</summary>
public sealed record PeerCheck(Ed25519PublicKey? Node, long TimestampMs, byte[] Signature, int Status, string? Reason)
{
    /// <summary>True when the headers name an active node (the signature is still to be checked).</summary>
    public bool IsAccepted => Node is not null;

    internal static PeerCheck Refuse(int status, string reason) => new(null, 0, [], status, reason);
}
