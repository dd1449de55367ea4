using Wisp.Crypto.Keys;
using Wisp.Network.Registry;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Swarm;

/// <summary>
/// This node's place in the network, read from the registry's current snapshot at every call (so a change is seen at
/// once): its swarm, its swarm peers with their addresses, and which swarm an owner's messages belong to.
/// </summary>
public sealed class SwarmMembership(INodeRegistry registry, Ed25519PublicKey self)
{
    /// <summary>The registry followed.</summary>
    public INodeRegistry Registry { get; } = registry ?? throw new ArgumentNullException(nameof(registry));

    /// <summary>This node's key.</summary>
    public Ed25519PublicKey Self { get; } = self ?? throw new ArgumentNullException(nameof(self));

    /// <summary>The snapshot now in force.</summary>
    public RegistrySnapshot Current => Registry.Current;

    /// <summary>This node's swarm id, or null while it is in no swarm (not yet joined, or left).</summary>
    public ulong? MySwarmId => Current.Swarms.SwarmOf(Self)?.Id;

    /// <summary>The other members of this node's swarm, with their records (empty while it is in no swarm).</summary>
    public IReadOnlyList<NodeRecord> Peers() => PeersIn(Current);

    /// <summary>The other members of this node's swarm at <paramref name="snapshot"/>.</summary>
    public IReadOnlyList<NodeRecord> PeersIn(RegistrySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Swarms.SwarmOf(Self) is not { } swarm)
            return [];
        var peers = new List<NodeRecord>(swarm.Members.Count);
        foreach (var member in swarm.Members)
        {
            if (!member.Equals(Self) && snapshot.FindNode(member) is { IsActive: true } record)
                peers.Add(record);
        }
        return peers;
    }

    /// <summary>The id of the swarm that stores <paramref name="ownerHex"/>'s messages, or null (no swarms, or not a 66-hex owner).</summary>
    public static ulong? SwarmIdOf(RegistrySnapshot snapshot, string ownerHex)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!StoragePubkey.TryParse(ownerHex, out var owner, out _))
            return null;
        return snapshot.Swarms.SwarmForPrefixedKey(owner.Bytes)?.Id;
    }

    /// <summary>A filter for owners whose messages belong to swarm <paramref name="swarmId"/> at <paramref name="snapshot"/>.</summary>
    public static Func<string, bool> OwnersOf(RegistrySnapshot snapshot, ulong swarmId) =>
        owner => SwarmIdOf(snapshot, owner) == swarmId;
}
