using Wisp.Network.Registry;
using Wisp.Node.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Swarm;

/// <summary>
/// The swarm view of a node in a network: an address is served when the swarm that stores it (per the registry's
/// current swarms) is this node's swarm. A node not (yet) in any swarm serves nothing; its callers get a 421 naming the
/// right swarm (an empty one, Session's "no swarm", while the registry has no swarms at all).
/// </summary>
public sealed class RegistrySwarmDirectory(SwarmMembership membership) : ISwarmDirectory
{
    private CachedListing? _listing;

    /// <inheritdoc />
    public bool Serves(StoragePubkey pubkey)
    {
        ArgumentNullException.ThrowIfNull(pubkey);
        var swarms = membership.Current.Swarms;
        var mine = swarms.SwarmOf(membership.Self);
        return mine is not null && swarms.SwarmForPrefixedKey(pubkey.Bytes)?.Id == mine.Id;
    }

    /// <summary>The registry's version: what <c>ifelse</c> compares as Session's blockchain height.</summary>
    public long Height => membership.Current.Version;

    /// <inheritdoc />
    public SwarmView? SwarmFor(StoragePubkey pubkey)
    {
        ArgumentNullException.ThrowIfNull(pubkey);
        var snapshot = membership.Current;
        if (snapshot.Swarms.SwarmForPrefixedKey(pubkey.Bytes) is not { } swarm)
            return null;
        var members = new List<SwarmMember>(swarm.Members.Count);
        foreach (var key in swarm.Members)
        {
            if (snapshot.FindNode(key) is { IsActive: true } record)
                members.Add(new SwarmMember(record.Ed25519Key, record.X25519Key, record.Host, record.Port, OmqPort: 0));
        }
        return new SwarmView(swarm.Id, members);
    }

    /// <inheritdoc />
    public NodeListing Listing()
    {
        var snapshot = membership.Current;
        // Built once per registry version: every get_service_nodes between two changes lists the same nodes.
        if (_listing is { } cached && ReferenceEquals(cached.Snapshot, snapshot))
            return cached.Listing;
        var nodes = snapshot.ActiveNodes
            .Select(n => new ListedNode(
                new SwarmMember(n.Ed25519Key, n.X25519Key, n.Host, n.Port, OmqPort: 0), snapshot.Swarms.SwarmOf(n.Ed25519Key)?.Id, n.JoinedAt))
            .ToList();
        var listing = new NodeListing(snapshot.Version, snapshot.Hash.ToHex(), nodes);
        _listing = new CachedListing(snapshot, listing);
        return listing;
    }

    /// <summary>A reference, so that a reader on another thread sees a whole pair or none.</summary>
    private sealed record CachedListing(RegistrySnapshot Snapshot, NodeListing Listing);
}
