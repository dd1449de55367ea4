using Wisp.Crypto.Keys;

namespace Wisp.Network.Local;

/// <summary>
/// One node of a local network as <c>network.json</c> records it: its name, its data directory (relative to the
/// network's folder), where it listens, and its identity. A removed node keeps its entry (and its data directory), so
/// its name is never reused.
/// </summary>
/// <param name="Name">Short unique name, e.g. <c>node-01</c>.</param>
/// <param name="DataDirectory">The node's data directory, relative to the network's folder (e.g. <c>nodes/node-01</c>).</param>
/// <param name="Host">The IP address it listens on (127.0.0.1 for a local network).</param>
/// <param name="Port">Its HTTPS port, chosen free when the node was added and kept.</param>
/// <param name="Ed25519Key">Its identity key (the seed is in <c>node.key</c> in its data directory).</param>
/// <param name="Removed">True once <c>wisp net remove-node</c> took it out of the network.</param>
public sealed record LocalNode(string Name, string DataDirectory, string Host, int Port, Ed25519PublicKey Ed25519Key, bool Removed)
{
    /// <summary>The node's HTTPS base URL.</summary>
    public string Url => Host.Contains(':') ? $"https://[{Host}]:{Port}" : $"https://{Host}:{Port}";

    /// <summary>True when <paramref name="nameOrKey"/> is this node's name or its Ed25519 key in hex (any case).</summary>
    public bool IsNamed(string nameOrKey) =>
        string.Equals(Name, nameOrKey, StringComparison.Ordinal)
        || string.Equals(Ed25519Key.ToHex(), nameOrKey, StringComparison.OrdinalIgnoreCase);
}
