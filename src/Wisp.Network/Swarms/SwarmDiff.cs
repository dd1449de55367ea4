using Wisp.Crypto.Keys;
using Wisp.Protocol.Swarms;

namespace Wisp.Network.Swarms;

/// <summary>How one swarm's membership changed between two maps (the swarm exists in both).</summary>
/// <param name="SwarmId">The swarm.</param>
/// <param name="Joined">Nodes now in it that were not before, ascending: they must be sent the swarm's data.</param>
/// <param name="Left">Nodes no longer in it, ascending.</param>
public sealed record SwarmMembershipChange(ulong SwarmId, IReadOnlyList<Ed25519PublicKey> Joined, IReadOnlyList<Ed25519PublicKey> Left);

/// <summary>One node's move between two maps; <see cref="SwarmSpace.InvalidSwarmId"/> stands for "no swarm" (it joined or left the network).</summary>
/// <param name="Node">The node.</param>
/// <param name="From">Its swarm before.</param>
/// <param name="To">Its swarm after.</param>
public sealed record NodeMove(Ed25519PublicKey Node, ulong From, ulong To);

/// <summary>
/// What changed between two swarm maps, in the terms replication and migration act on: swarms that appeared (their
/// accounts must be pushed to them), swarms that dissolved (their data must go to the accounts' new swarms), member
/// changes in surviving swarms (new members must be sent the swarm's data) and each node's move.
/// </summary>
public sealed class SwarmDiff
{
    private SwarmDiff(
        IReadOnlyList<Swarm> appeared, IReadOnlyList<Swarm> dissolved,
        IReadOnlyList<SwarmMembershipChange> changed, IReadOnlyList<NodeMove> moves)
    {
        Appeared = appeared;
        Dissolved = dissolved;
        Changed = changed;
        Moves = moves;
    }

    /// <summary>Swarms in the new map that were not in the old one, ascending id.</summary>
    public IReadOnlyList<Swarm> Appeared { get; }

    /// <summary>Swarms of the old map that are gone, with their former members, ascending id.</summary>
    public IReadOnlyList<Swarm> Dissolved { get; }

    /// <summary>Swarms in both maps whose members differ, ascending id.</summary>
    public IReadOnlyList<SwarmMembershipChange> Changed { get; }

    /// <summary>Every node whose swarm differs (including nodes that joined or left the network), ascending key.</summary>
    public IReadOnlyList<NodeMove> Moves { get; }

    /// <summary>True when the two maps place every node the same way and have the same swarms.</summary>
    public bool IsEmpty => Appeared.Count == 0 && Dissolved.Count == 0 && Changed.Count == 0 && Moves.Count == 0;

    /// <summary>The changes that turn <paramref name="before"/> into <paramref name="after"/>.</summary>
    public static SwarmDiff Between(SwarmMap before, SwarmMap after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var appeared = after.Swarms.Where(s => before.Find(s.Id) is null).ToList();
        var dissolved = before.Swarms.Where(s => after.Find(s.Id) is null).ToList();
        var changed = new List<SwarmMembershipChange>();
        foreach (var now in after.Swarms)
        {
            if (before.Find(now.Id) is not { } then || then.Equals(now))
                continue;
            var joined = now.Members.Where(m => !then.Contains(m)).ToList();
            var left = then.Members.Where(m => !now.Contains(m)).ToList();
            changed.Add(new SwarmMembershipChange(now.Id, joined, left));
        }

        var moves = new List<NodeMove>();
        foreach (var swarm in before.Swarms)
        {
            foreach (var node in swarm.Members)
            {
                var to = after.SwarmOf(node)?.Id ?? SwarmSpace.InvalidSwarmId;
                if (to != swarm.Id)
                    moves.Add(new NodeMove(node, swarm.Id, to));
            }
        }
        foreach (var swarm in after.Swarms)
        {
            foreach (var node in swarm.Members)
            {
                if (before.SwarmOf(node) is null)
                    moves.Add(new NodeMove(node, SwarmSpace.InvalidSwarmId, swarm.Id));
            }
        }
        moves.Sort((a, b) => NodeKeyOrder.Instance.Compare(a.Node, b.Node));
        return new SwarmDiff(appeared, dissolved, changed, moves);
    }

    public override string ToString() =>
        $"{Appeared.Count} appeared, {Dissolved.Count} dissolved, {Changed.Count} changed, {Moves.Count} nodes moved";
}
