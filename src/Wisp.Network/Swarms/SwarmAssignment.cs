using Wisp.Network.Registry;

namespace Wisp.Network.Swarms;

/// <summary>
/// Deterministic swarm assignment: every node and client replays the registry's history through
/// <see cref="Apply"/> and arrives at the same <see cref="SwarmMap"/>. Each step is incremental, like Session's:
/// only a join, a leave, or the rebalancing they trigger moves a node, so a change moves few nodes.
/// </summary>
/// <remarks>
/// <para>On a join the node is placed, then the map is rebalanced; on a leave the node is removed (its swarm
/// dissolves at once if that empties it), then the map is rebalanced; an address update changes nothing. The
/// rebalance is Session's, with the generator <see cref="SwarmRandom"/> seeded by the hash of the registry version
/// that made the change:</para>
/// <list type="number">
/// <item>If there are no swarms but a node to place, create swarm 0 (or a fresh id, see <see cref="SwarmIds"/>).</item>
/// <item>Place each new node in a random swarm among the smallest (25th percentile of sizes, ties included);
/// after each placement, run step 4.</item>
/// <item>Each swarm under 5 nodes (smallest first) takes random nodes from swarms above the 75th-percentile size,
/// while that excess can lift it to 5.</item>
/// <item>While the total excess (Σ max(0, size − 5)) ≥ 7 + 2 × swarm count, and no swarm is under 5, form a new swarm
/// of 7 nodes, each drawn at random from all members of swarms above 5; its id bisects the largest gap on the ring.</item>
/// <item>While there is more than one swarm and one is under 5 (lowest id first), dissolve it (its id is retired)
/// and place its members, in key order, among the very smallest swarms (0th percentile), as in step 2.</item>
/// </list>
/// <para>Draws index into lists built in ascending swarm id, then ascending Ed25519 key; size orders break ties by id.</para>
/// </remarks>
public static class SwarmAssignment
{
    /// <summary>The map after <paramref name="change"/>, drawing randomness from <paramref name="seed"/> (the hash of the version that made it).</summary>
    /// <exception cref="ArgumentException">A join of a node already placed, or a leave or update of a node not placed: the history is not a valid registry history.</exception>
    public static SwarmMap Apply(SwarmMap previous, RegistryChange change, RegistryHash seed)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(seed);
        switch (change)
        {
            case NodeJoin join:
            {
                if (FindHome(previous, join.Node) is { } existing)
                    throw new ArgumentException($"Node {join.Node} joined but is already in swarm {existing.Id}.", nameof(change));
                var swarms = new SwarmWorkspace(previous);
                SwarmRebalancer.Run(swarms, [join.Node], new SwarmRandom(seed));
                return swarms.ToMap();
            }
            case NodeLeave leave:
            {
                var home = FindHome(previous, leave.Node)
                    ?? throw new ArgumentException($"Node {leave.Node} left but is in no swarm.", nameof(change));
                var swarms = new SwarmWorkspace(previous);
                swarms.Remove(home.Id, leave.Node);
                if (swarms.Size(home.Id) == 0)
                    swarms.Dissolve(home.Id);
                SwarmRebalancer.Run(swarms, [], new SwarmRandom(seed));
                return swarms.ToMap();
            }
            case NodeAddressUpdate update:
                if (FindHome(previous, update.Node) is null)
                    throw new ArgumentException($"Node {update.Node} updated its address but is in no swarm.", nameof(change));
                return previous;
            default:
                throw new ArgumentException($"Unknown registry change {change.GetType().Name}.", nameof(change));
        }
    }

    /// <summary>
    /// The swarm holding <paramref name="node"/>, by a scan with binary search in each swarm: cheaper per step than
    /// building the map's node index, which a replay would do once per version.
    /// </summary>
    private static Swarm? FindHome(SwarmMap map, Wisp.Crypto.Keys.Ed25519PublicKey node)
    {
        foreach (var swarm in map.Swarms)
        {
            if (swarm.Contains(node))
                return swarm;
        }
        return null;
    }

    /// <summary>The map after every version of <paramref name="history"/>, in order, starting from <see cref="SwarmMap.Empty"/>.</summary>
    public static SwarmMap Replay(IEnumerable<RegistryVersion> history) => Replay(SwarmMap.Empty, history);

    /// <summary>The map after applying <paramref name="versions"/> to <paramref name="start"/>, in order.</summary>
    public static SwarmMap Replay(SwarmMap start, IEnumerable<RegistryVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(versions);
        var map = start;
        foreach (var version in versions)
            map = Apply(map, version.Change, version.Hash);
        return map;
    }
}
