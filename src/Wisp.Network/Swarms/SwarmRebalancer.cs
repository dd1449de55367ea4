using Wisp.Crypto.Keys;

namespace Wisp.Network.Swarms;

/// <summary>
/// The four steps Session runs whenever the active set changes (oxen-core <c>calc_swarm_changes</c>), carried over
/// with every tie and order made explicit: swarms are visited in ascending id order, members in
/// <see cref="NodeKeyOrder"/>, and "sorted by size" means by size then by id.
/// </summary>
internal static class SwarmRebalancer
{
    private readonly record struct SwarmSize(ulong Id, int Size);

    private readonly record struct PoolNode(Ed25519PublicKey Node, ulong SwarmId);

    /// <summary>Places <paramref name="unassigned"/> (in the order given) and rebalances.</summary>
    public static void Run(SwarmWorkspace swarms, IReadOnlyList<Ed25519PublicKey> unassigned, SwarmRandom random)
    {
        if (swarms.Count == 0 && unassigned.Count == 0)
            return;

        // 0. There is always at least one swarm to join.
        if (swarms.Count == 0)
            swarms.CreateSwarm([]);

        // 1. New nodes fill the smallest quarter of swarms.
        Assign(swarms, unassigned, random, SwarmLimits.FillSwarmLowerPercentile);

        // 2. Swarms under the minimum take nodes from the largest quarter.
        StealForStarvingSwarms(swarms, random);

        // 3. Excess beyond each swarm's margin forms new swarms.
        CreateSwarmsFromExcess(swarms, random);

        // 4. A swarm still under the minimum dissolves into the smallest swarms.
        DissolveStarvingSwarms(swarms, random);
    }

    /// <summary>
    /// Puts each node into a random swarm among those no larger than the swarm at <paramref name="percentile"/> of
    /// the size order (all swarms of that size count), checking for new swarms after each placement.
    /// </summary>
    private static void Assign(SwarmWorkspace swarms, IReadOnlyList<Ed25519PublicKey> nodes, SwarmRandom random, int percentile)
    {
        foreach (var node in nodes)
        {
            var sizes = SizesAscending(swarms);
            var percentileIndex = percentile * (sizes.Count - 1) / 100;
            var percentileSize = sizes[percentileIndex].Size;
            var upperIndex = percentileIndex;
            while (upperIndex + 1 < sizes.Count && sizes[upperIndex + 1].Size == percentileSize)
                upperIndex++;
            var chosen = sizes[random.NextIndex(upperIndex + 1)].Id;
            swarms.Add(chosen, node);
            CreateSwarmsFromExcess(swarms, random);
        }
    }

    /// <summary>
    /// "Robin Hood": each swarm under the minimum, smallest first, takes random nodes from swarms larger than the
    /// 75th-percentile size (and larger than the minimum), as long as there is enough excess to lift it to the minimum.
    /// The size order is taken once, before any stealing, as Session does.
    /// </summary>
    private static void StealForStarvingSwarms(SwarmWorkspace swarms, SwarmRandom random)
    {
        var sizes = SizesAscending(swarms);
        foreach (var starving in sizes)
        {
            if (starving.Size >= SwarmLimits.MinSwarmSize)
                break;
            int Poor() => swarms.Size(starving.Id);
            var percentileIndex = SwarmLimits.StealingSwarmUpperPercentile * (sizes.Count - 1) / 100;
            // Strictly above the percentile's size, and never from a swarm at or below the minimum.
            var threshold = Math.Max(SwarmLimits.MinSwarmSize, sizes[percentileIndex].Size - 1);
            do
            {
                var (pool, excess) = ExcessPool(swarms, threshold);
                if (excess < SwarmLimits.MinSwarmSize - Poor())
                    return; // Not enough to save this swarm; the next ones, no larger, cannot be saved either.
                var taken = pool[random.NextIndex(pool.Count)];
                swarms.Remove(taken.SwarmId, taken.Node);
                swarms.Add(starving.Id, taken.Node);
            } while (Poor() < SwarmLimits.MinSwarmSize);
        }
    }

    /// <summary>
    /// While the total excess (nodes above <see cref="SwarmLimits.ExcessBase"/> in each swarm) reaches a new swarm's
    /// size plus the margin every existing swarm keeps, draws a new swarm of <see cref="SwarmLimits.NewSwarmSize"/>
    /// random excess nodes (a swarm's chance is proportional to its size). Nothing happens while any swarm starves.
    /// </summary>
    private static void CreateSwarmsFromExcess(SwarmWorkspace swarms, SwarmRandom random)
    {
        foreach (var id in swarms.Ids)
        {
            if (swarms.Size(id) < SwarmLimits.MinSwarmSize)
                return;
        }

        while (TotalExcess(swarms) >= SwarmLimits.NewSwarmSize + (swarms.Count * SwarmLimits.IdealSwarmMargin))
        {
            var recruits = new List<Ed25519PublicKey>(SwarmLimits.NewSwarmSize);
            while (recruits.Count < SwarmLimits.NewSwarmSize)
            {
                var (pool, _) = ExcessPool(swarms, SwarmLimits.ExcessBase);
                // Unreachable: the loop condition guarantees at least NewSwarmSize excess nodes.
                if (pool.Count == 0)
                    throw new InvalidOperationException("Swarm excess ran out while forming a new swarm.");
                var recruit = pool[random.NextIndex(pool.Count)];
                swarms.Remove(recruit.SwarmId, recruit.Node);
                recruits.Add(recruit.Node);
            }
            swarms.CreateSwarm(recruits);
        }
    }

    /// <summary>Dissolves swarms under the minimum, lowest id first, into the smallest swarms, while more than one swarm remains.</summary>
    private static void DissolveStarvingSwarms(SwarmWorkspace swarms, SwarmRandom random)
    {
        while (swarms.Count > 1)
        {
            ulong? starving = null;
            foreach (var id in swarms.Ids)
            {
                if (swarms.Size(id) < SwarmLimits.MinSwarmSize)
                {
                    starving = id;
                    break;
                }
            }
            if (starving is null)
                return;
            var orphans = swarms.Dissolve(starving.Value);
            Assign(swarms, orphans, random, SwarmLimits.DissolvedRedistributionPercentile);
        }
    }

    /// <summary>
    /// Every member of every swarm larger than <paramref name="threshold"/> (ascending id, then key order), and the
    /// excess of those swarms over the minimum.
    /// </summary>
    private static (List<PoolNode> Pool, int Excess) ExcessPool(SwarmWorkspace swarms, int threshold)
    {
        var pool = new List<PoolNode>();
        var excess = 0;
        foreach (var id in swarms.Ids)
        {
            var members = swarms.Members(id);
            if (members.Count <= threshold)
                continue;
            excess += members.Count - SwarmLimits.MinSwarmSize;
            foreach (var member in members)
                pool.Add(new PoolNode(member, id));
        }
        return (pool, excess);
    }

    private static int TotalExcess(SwarmWorkspace swarms)
    {
        var excess = 0;
        foreach (var id in swarms.Ids)
            excess += Math.Max(0, swarms.Size(id) - SwarmLimits.ExcessBase);
        return excess;
    }

    private static List<SwarmSize> SizesAscending(SwarmWorkspace swarms)
    {
        var sizes = new List<SwarmSize>(swarms.Count);
        foreach (var id in swarms.Ids)
            sizes.Add(new SwarmSize(id, swarms.Size(id)));
        sizes.Sort(static (a, b) => a.Size != b.Size ? a.Size.CompareTo(b.Size) : a.Id.CompareTo(b.Id));
        return sizes;
    }
}
