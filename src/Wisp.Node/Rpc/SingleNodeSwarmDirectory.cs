using Wisp.Protocol.Storage;

namespace Wisp.Node.Rpc;

/// <summary>
/// The swarm view of a node that is alone: swarm 0, with this node its only member, serving every address.
/// Replaced by the registry-derived directory when nodes form a network.
/// </summary>
public sealed class SingleNodeSwarmDirectory(NodeIdentity identity) : ISwarmDirectory
{
    private readonly SwarmView _swarm = new(0, [
        new SwarmMember(identity.Keys.PublicKey, identity.Keys.X25519PublicKey, identity.Host, identity.Port, OmqPort: 0),
    ]);

    private NodeListing? _listing;

    /// <summary>Always true: the only swarm serves everything.</summary>
    public bool Serves(StoragePubkey pubkey) => true;

    /// <summary>Swarm 0 with this node.</summary>
    public SwarmView SwarmFor(StoragePubkey pubkey) => _swarm;

    /// <summary>This node alone, in swarm 0, at version 0 (there is no registry).</summary>
    public NodeListing Listing() => _listing ??= NodeListing.Empty with { Nodes = [new ListedNode(_swarm.Members[0], 0, JoinedAt: 0)] };
}
