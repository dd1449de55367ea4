using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Wisp.Crypto;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Network.Registry;

namespace Wisp.Node.NodeLinks;

/// <summary>
/// Authentication of node-to-node requests. The sender adds four headers: <see cref="NodeHeader"/> (its Ed25519 key,
/// hex), <see cref="TimestampHeader"/> (Unix ms), <see cref="NonceHeader"/> (16 random bytes, 32 hex) and
/// <see cref="SignatureHeader"/> (base64 Ed25519 signature over <see cref="SignedBytes"/>: a version tag, the method,
/// the receiving node's key, the request target (path and query, as sent), the timestamp, the nonce and
/// BLAKE2b-256(body)). The receiver accepts a request only from an active node of its registry, within ±60 s of its
/// clock — both checked from the headers, before the body is read — with a valid signature naming it as the receiver,
/// and a nonce it has not seen inside that window (the replay cache is the caller's, see <c>PeerGate</c>).
/// <para>
/// TLS: nodes use self-signed certificates that the registry does not carry, so node-to-node clients accept any
/// certificate (as the onion relay does) and rely on these signatures for who is calling. A party in the middle can
/// read forwarded requests (which a client already sends to any node in the clear of TLS termination) and can drop
/// them, but cannot forge or alter one, send it to another node, or send it twice.
/// </para>
/// </summary>
public static class PeerAuthentication
{
    /// <summary>The sending node's Ed25519 key, 64 hex characters.</summary>
    public const string NodeHeader = "X-Wisp-Node";

    /// <summary>When the request was signed, Unix milliseconds.</summary>
    public const string TimestampHeader = "X-Wisp-Timestamp";

    /// <summary>16 random bytes, 32 hex characters: a request's one-time name, remembered by the receiver to refuse replays.</summary>
    public const string NonceHeader = "X-Wisp-Nonce";

    /// <summary>The Ed25519 signature, base64.</summary>
    public const string SignatureHeader = "X-Wisp-Signature";

    /// <summary>Bytes in a nonce.</summary>
    public const int NonceBytes = 16;

    /// <summary>
    /// The bytes signed: <c>"wisp-peer-v2\n" method "\n" receiver-hex "\n" target "\n" timestamp "\n" nonce-hex "\n"</c>
    /// (UTF-8; the timestamp in decimal, the target the path and query exactly as on the request line) followed by
    /// BLAKE2b-256(body). Newlines cannot occur inside any field, so no two requests sign the same bytes.
    /// </summary>
    public static byte[] SignedBytes(
        string method, Ed25519PublicKey receiver, string target, long timestampMs, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(target);
        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"wisp-peer-v2\n{method}\n{receiver.ToHex()}\n{target}\n{timestampMs}\n{Convert.ToHexStringLower(nonce)}\n"));
        var signed = new byte[prefix.Length + 32];
        prefix.CopyTo(signed, 0);
        Blake2b.Hash(body, signed.AsSpan(prefix.Length));
        return signed;
    }

    /// <summary>The header values for a request from <paramref name="node"/> to <paramref name="receiver"/>, with a fresh random nonce.</summary>
    public static PeerHeaders Sign(
        Ed25519KeyPair node, Ed25519PublicKey receiver, string method, string target, long timestampMs, ReadOnlySpan<byte> body) =>
        Sign(node, receiver, method, target, timestampMs, RandomBytes.Get(NonceBytes), body);

    /// <summary>The header values for a request from <paramref name="node"/> to <paramref name="receiver"/> with <paramref name="nonce"/>.</summary>
    public static PeerHeaders Sign(
        Ed25519KeyPair node, Ed25519PublicKey receiver, string method, string target, long timestampMs, ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (nonce.Length != NonceBytes)
            throw new ArgumentException($"a nonce is {NonceBytes} bytes", nameof(nonce));
        var signature = Ed25519.Sign(node, SignedBytes(method, receiver, target, timestampMs, nonce, body));
        return new PeerHeaders(node.PublicKey.ToHex(), timestampMs.ToString(CultureInfo.InvariantCulture), Convert.ToHexStringLower(nonce),
            Convert.ToBase64String(signature));
    }

    /// <summary>
    /// The cheap half of the check, before the body is read: the headers are present and well formed, name an active
    /// node of <paramref name="registry"/>, and were signed within <see cref="NodeLinkLimits.PeerClockTolerance"/> of
    /// <paramref name="nowMs"/>. Returns the claimed sender or why it is refused.
    /// </summary>
    public static PeerCheck Identify(IHeaderDictionary headers, RegistrySnapshot registry, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(registry);
        string? nodeHex = headers[NodeHeader], timestamp = headers[TimestampHeader], nonce = headers[NonceHeader],
            signature = headers[SignatureHeader];
        if (nodeHex is null || timestamp is null || nonce is null || signature is null)
            return PeerCheck.Refuse(StatusCodes.Status401Unauthorized,
                $"node-to-node requests must carry {NodeHeader}, {TimestampHeader}, {NonceHeader} and {SignatureHeader}");
        if (nodeHex.Length != 64 || !nodeHex.All(Uri.IsHexDigit))
            return PeerCheck.Refuse(StatusCodes.Status401Unauthorized, $"{NodeHeader} must be an Ed25519 key, 64 hex characters");
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var timestampMs))
            return PeerCheck.Refuse(StatusCodes.Status401Unauthorized, $"{TimestampHeader} must be Unix milliseconds");
        var offset = timestampMs - nowMs;
        if (Math.Abs(offset) > (long)NodeLinkLimits.PeerClockTolerance.TotalMilliseconds)
            return PeerCheck.Refuse(StatusCodes.Status401Unauthorized,
                $"{TimestampHeader} is {offset / 1000} s from this node's clock (allowed ±{NodeLinkLimits.PeerClockTolerance.TotalSeconds} s)");
        if (nonce.Length != NonceBytes * 2 || !nonce.All(Uri.IsHexDigit))
            return PeerCheck.Refuse(StatusCodes.Status401Unauthorized, $"{NonceHeader} must be {NonceBytes} random bytes, {NonceBytes * 2} hex characters");
        var node = Ed25519PublicKey.FromHex(nodeHex);
        if (registry.FindNode(node) is not { IsActive: true })
            return PeerCheck.Refuse(StatusCodes.Status403Forbidden, $"node {nodeHex} is not an active node of this registry");
        var signatureBytes = new byte[64];
        if (!Convert.TryFromBase64String(signature, signatureBytes, out var written) || written != 64)
            return PeerCheck.Refuse(StatusCodes.Status401Unauthorized, $"{SignatureHeader} must be a 64-byte signature, base64");
        return new PeerCheck(node, timestampMs, Convert.FromHexString(nonce), signatureBytes, 0, null);
    }

    /// <summary>
    /// The rest of the check, once the body is read: the signature verifies for this <paramref name="receiver"/>,
    /// <paramref name="method"/> and request <paramref name="target"/>. Null when the request is authentic.
    /// </summary>
    public static PeerCheck? Verify(PeerCheck identified, string method, Ed25519PublicKey receiver, string target, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(identified);
        if (!identified.IsAccepted)
            return identified;
        if (!Ed25519.Verify(identified.Node!, SignedBytes(method, receiver, target, identified.TimestampMs, identified.Nonce, body), identified.Signature))
            return PeerCheck.Refuse(StatusCodes.Status401Unauthorized, "node signature verification failed");
        return null;
    }
}

/// <summary>The four header values of a signed node-to-node request.</summary>
public sealed record PeerHeaders(string Node, string Timestamp, string Nonce, string Signature)
{
    /// <summary>Adds the four headers to <paramref name="headers"/>.</summary>
    public void AddTo(System.Net.Http.Headers.HttpRequestHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.Add(PeerAuthentication.NodeHeader, Node);
        headers.Add(PeerAuthentication.TimestampHeader, Timestamp);
        headers.Add(PeerAuthentication.NonceHeader, Nonce);
        headers.Add(PeerAuthentication.SignatureHeader, Signature);
    }

    /// <summary>The four header lines as they appear in an HTTP/1.1 request, each ending in CRLF.</summary>
    public string ToHeaderLines() =>
        $"{PeerAuthentication.NodeHeader}: {Node}\r\n{PeerAuthentication.TimestampHeader}: {Timestamp}\r\n"
        + $"{PeerAuthentication.NonceHeader}: {Nonce}\r\n{PeerAuthentication.SignatureHeader}: {Signature}\r\n";
}

/// <summary>The outcome of <see cref="PeerAuthentication.Identify"/>: the claimed sender, or a status and reason.</summary>
public sealed record PeerCheck(Ed25519PublicKey? Node, long TimestampMs, byte[] Nonce, byte[] Signature, int Status, string? Reason)
{
    /// <summary>True when the headers name an active node (the signature is still to be checked).</summary>
    public bool IsAccepted => Node is not null;

    internal static PeerCheck Refuse(int status, string reason) => new(null, 0, [], [], status, reason);
}
