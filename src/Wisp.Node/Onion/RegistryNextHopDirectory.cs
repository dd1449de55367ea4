using System.Diagnostics.CodeAnalysis;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;
using Wisp.Node.NodeLinks;

namespace Wisp.Node.Onion;

/// <summary>
/// Next hops from the node registry: any active node, by its Ed25519 key, at <c>https://host:port</c>. The registry
/// carries no certificate, so forwards to these nodes are not pinned (see <see cref="NodeToNodeClient"/>). Reads the
/// registry's current snapshot on every lookup, so a node that joins or moves is found at once.
/// </summary>
public sealed class RegistryNextHopDirectory(INodeRegistry registry) : INextHopDirectory
{
    private readonly INodeRegistry _registry = registry ?? throw new ArgumentNullException(nameof(registry));

    /// <summary>Ready once the registry has at least one version: before that the node knows no other node.</summary>
    public bool IsReady => _registry.Current.Version > 0;

    /// <inheritdoc />
    public bool TryFind(Ed25519PublicKey node, [NotNullWhen(true)] out NextHop? hop)
    {
        ArgumentNullException.ThrowIfNull(node);
        hop = null;
        var record = _registry.Current.FindNode(node);
        if (record is not { IsActive: true }) return false;
        if (!Uri.TryCreate($"https://{record.Endpoint}", UriKind.Absolute, out var url)) return false;
        hop = new NextHop(record.Ed25519Key, record.X25519Key, url);
        return true;
    }
}
