using System.Diagnostics.CodeAnalysis;
using Wisp.Crypto.Keys;
using Wisp.Node.NodeLinks;

namespace Wisp.Node.Onion;

/// <summary>
/// Where the relay finds the next node of an onion path, named in the layer by its Ed25519 key. Backed by the
/// registry on a real network; <see cref="StaticNextHopDirectory"/> holds a fixed list.
/// </summary>
public interface INextHopDirectory
{
    /// <summary>False while the node does not yet know the network (the registry is not loaded): onion requests get 503.</summary>
    bool IsReady { get; }

    /// <summary>The node with Ed25519 key <paramref name="node"/>, if the directory knows it.</summary>
    bool TryFind(Ed25519PublicKey node, [NotNullWhen(true)] out NextHop? hop);
}
