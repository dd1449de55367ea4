using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;

namespace Wisp.Node.NodeLinks;

/// <summary>
/// How a node proves to the next hop that an onion request it forwards comes from a node (so the next hop takes it
/// from that node's relay allowance, not from the allowance of the address it connects from). One header,
/// <see cref="Header"/>: <c>{node key hex} {Unix ms} {signature base64}</c>, the Ed25519 signature over
/// <c>"wisp-onion-relay" ‖ receiver's Ed25519 key ‖ timestamp (8 bytes, big-endian)</c>.
/// <para>
/// Why a signature and not the caller's address: several nodes can share an address (every node of <c>wisp up</c> is
/// on 127.0.0.1, nodes behind one NAT), clients can share a node's address, and a node's outgoing port is not its
/// listening port; Session's nodes tell each other apart by their authenticated connection keys, which this stands
/// in for. Why it does not cover the body: the receiver decides before it reads the body, and the body is the onion
/// layer, which the AEAD already protects. The signature names the receiver, so it is useless at any other node,
/// and it expires after <see cref="NodeLinkLimits.PeerClockTolerance"/>. Within that window someone able to read the
/// node-to-node TLS (an active party in the middle of an unpinned link) could replay it, which only charges the
/// relaying node's allowance instead of its own; such a party can already drop that node's traffic.
/// </para>
/// A sender signs once per receiver every <see cref="ResignAfter"/>; a receiver verifies a header once and remembers it.
/// </summary>
public sealed class RelayCredential
{
    /// <summary>The header carrying the credential.</summary>
    public const string Header = "X-Wisp-Relay";

    /// <summary>How long a sender reuses one signature for the same receiver (20 s, a third of the ±60 s window).</summary>
    public static readonly TimeSpan ResignAfter = TimeSpan.FromSeconds(20);

    private static readonly byte[] Context = Encoding.ASCII.GetBytes("wisp-onion-relay");

    private readonly Ed25519KeyPair _keys;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (long TimestampMs, string Value)> _signed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _verified = new(StringComparer.Ordinal);

    /// <summary>The credential of the node with <paramref name="keys"/>, timed by <paramref name="time"/>.</summary>
    public RelayCredential(Ed25519KeyPair keys, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        _keys = keys;
        _time = time;
    }

    /// <summary>The header value for a forward to <paramref name="receiver"/>.</summary>
    public string For(Ed25519PublicKey receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var key = receiver.ToHex();
        if (_signed.TryGetValue(key, out var cached) && now - cached.TimestampMs < ResignAfter.TotalMilliseconds && now >= cached.TimestampMs)
            return cached.Value;
        var signature = Ed25519.Sign(_keys, SignedBytes(receiver, now));
        var value = string.Create(CultureInfo.InvariantCulture, $"{_keys.PublicKey.ToHex()} {now} {Convert.ToBase64String(signature)}");
        // Bounded by the network's size: one entry per next node this node forwards to.
        if (_signed.Count < NodeLinkLimits.MaxPinnedClients) _signed[key] = (now, value);
        return value;
    }

    /// <summary>
    /// The node that signed <paramref name="value"/> for this node within the clock window, when
    /// <paramref name="isNode"/> says it is a node of the network; null otherwise (absent, malformed, stale, forged).
    /// </summary>
    public Ed25519PublicKey? Check(string? value, Func<Ed25519PublicKey, bool> isNode)
    {
        ArgumentNullException.ThrowIfNull(isNode);
        if (value is null || value.Length > 200) return null;
        var parts = value.Split(' ');
        if (parts.Length != 3 || parts[0].Length != 64 || !parts[0].All(Uri.IsHexDigit)) return null;
        if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var timestampMs)) return null;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (Math.Abs(now - timestampMs) > NodeLinkLimits.PeerClockTolerance.TotalMilliseconds) return null;
        var node = Ed25519PublicKey.FromHex(parts[0]);
        if (!isNode(node)) return null;
        var nodeHex = node.ToHex();
        if (_verified.TryGetValue(nodeHex, out var known) && known == value) return node;
        Span<byte> signature = stackalloc byte[64];
        if (!Convert.TryFromBase64String(parts[2], signature, out var written) || written != 64) return null;
        if (!Ed25519.Verify(node, SignedBytes(_keys.PublicKey, timestampMs), signature)) return null;
        // One entry per node of the network (isNode was checked first), so this stays as small as the registry.
        _verified[nodeHex] = value;
        return node;
    }

    private static byte[] SignedBytes(Ed25519PublicKey receiver, long timestampMs)
    {
        var bytes = new byte[Context.Length + Ed25519PublicKey.Bytes + sizeof(long)];
        Context.CopyTo(bytes, 0);
        receiver.Span.CopyTo(bytes.AsSpan(Context.Length));
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(Context.Length + Ed25519PublicKey.Bytes), timestampMs);
        return bytes;
    }
}
