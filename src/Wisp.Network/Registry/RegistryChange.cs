using Wisp.Crypto.Keys;

namespace Wisp.Network.Registry;

/// <summary>
/// The one change a registry version makes: a node joins, leaves, or moves to a new address. Every party replays
/// these in order to know the active nodes and to compute the swarms.
/// </summary>
public abstract record RegistryChange
{
    /// <summary>The node the change is about, named by its Ed25519 key (its identity everywhere).</summary>
    public abstract Ed25519PublicKey Node { get; }
}

/// <summary>A node joins the network with its keys and address. It is assigned a swarm at this version.</summary>
/// <param name="Node">The node's Ed25519 key: its identity, and the key its responses are signed with.</param>
/// <param name="X25519Key">The node's X25519 key (libsodium's conversion of <paramref name="Node"/>); onion layers are encrypted to it.</param>
/// <param name="Host">Host name or IP address the node listens on.</param>
/// <param name="Port">TCP port, 1–65535.</param>
/// <param name="SoftwareVersion">The node's software version, e.g. "0.1.0".</param>
public sealed record NodeJoin(Ed25519PublicKey Node, X25519PublicKey X25519Key, string Host, int Port, string SoftwareVersion)
    : RegistryChange
{
    /// <inheritdoc/>
    public override Ed25519PublicKey Node { get; } = Node;

    /// <summary>A join for <paramref name="node"/>, with its X25519 key computed by libsodium's conversion.</summary>
    /// <exception cref="ArgumentException"><paramref name="node"/> is not a valid Ed25519 point.</exception>
    public static NodeJoin For(Ed25519PublicKey node, string host, int port, string softwareVersion)
    {
        ArgumentNullException.ThrowIfNull(node);
        var x25519 = node.ToX25519() ?? throw new ArgumentException($"Node key {node} is not a valid Ed25519 point.", nameof(node));
        return new NodeJoin(node, x25519, host, port, softwareVersion);
    }
}

/// <summary>A node leaves the network. Its swarm peers re-replicate what it held.</summary>
/// <param name="Node">The leaving node's Ed25519 key.</param>
public sealed record NodeLeave(Ed25519PublicKey Node) : RegistryChange
{
    /// <inheritdoc/>
    public override Ed25519PublicKey Node { get; } = Node;
}

/// <summary>An active node moves to a new address or runs new software. Swarms do not change.</summary>
/// <param name="Node">The node's Ed25519 key.</param>
/// <param name="Host">New host name or IP address.</param>
/// <param name="Port">New TCP port, 1–65535.</param>
/// <param name="SoftwareVersion">The node's software version now.</param>
public sealed record NodeAddressUpdate(Ed25519PublicKey Node, string Host, int Port, string SoftwareVersion)
    : RegistryChange
{
    /// <inheritdoc/>
    public override Ed25519PublicKey Node { get; } = Node;
}
