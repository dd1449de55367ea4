using Wisp.Crypto.Keys;
using Wisp.Network.Registry;

namespace Wisp.Client.Paths;

/// <summary>
/// A node as the client needs it: its identity key (how onion layers name it), its X25519 key (what layers are
/// encrypted to) and its HTTPS base URL (where a guard is reached).
/// </summary>
/// <param name="Ed25519">The node's identity key.</param>
/// <param name="X25519">The node's onion key.</param>
/// <param name="BaseUrl">Its HTTPS base URL, e.g. <c>https://127.0.0.1:22021</c>.</param>
internal sealed record ServiceNode(Ed25519PublicKey Ed25519, X25519PublicKey X25519, Uri BaseUrl)
{
    /// <summary>The node a registry record describes, or null when its address does not make a URL.</summary>
    public static ServiceNode? FromRecord(NodeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Uri.TryCreate($"https://{record.Endpoint}", UriKind.Absolute, out var url)
            ? new ServiceNode(record.Ed25519Key, record.X25519Key, url)
            : null;
    }

    /// <summary>The key and address; nothing here is secret.</summary>
    public override string ToString() => $"{Ed25519.ToHex()[..12]}… at {BaseUrl.Authority}";
}
