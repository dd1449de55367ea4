namespace Wisp.Network.Swarms;

/// <summary>
/// Where a new swarm goes on the u64 ring: the midpoint of the largest gap between existing swarm ids, wrap-aware,
/// so accounts stay spread evenly; the first swarm is 0. Wisp adds one rule to Session's: an id, once used, is
/// never used again, so a swarm id names one group of nodes for the life of the network.
/// </summary>
public static class SwarmIds
{
    /// <summary>
    /// Session's choice (oxen-core <c>get_new_swarm_id</c>): 0 when there are no swarms; otherwise the midpoint of the
    /// largest gap, ties to the gap that comes first, on a ring where <see cref="SwarmLimits.MaxSwarmId"/> + 1 is 0.
    /// </summary>
    /// <param name="sortedIds">Existing ids, ascending, no duplicates, none above <see cref="SwarmLimits.MaxSwarmId"/>.</param>
    public static ulong Bisect(IReadOnlyList<ulong> sortedIds)
    {
        ArgumentNullException.ThrowIfNull(sortedIds);
        if (sortedIds.Count == 0)
            return 0;

        ulong widest = 0;
        var widestStart = 0;
        for (var i = 0; i + 1 < sortedIds.Count; i++)
        {
            var gap = sortedIds[i + 1] - sortedIds[i];
            if (gap > widest)
            {
                widest = gap;
                widestStart = i;
            }
        }

        // The wrap gap runs from the last id round to the first; MaxSwarmId and 0 are one apart.
        var last = sortedIds[^1];
        var wrapGap = SwarmLimits.MaxSwarmId - last + sortedIds[0] + 1;
        if (wrapGap > widest)
        {
            widest = wrapGap;
            widestStart = sortedIds.Count - 1;
        }

        var half = widest / 2;
        var start = sortedIds[widestStart];
        var roomBeforeWrap = SwarmLimits.MaxSwarmId - start;
        return half > roomBeforeWrap ? half - roomBeforeWrap - 1 : start + half;
    }

    /// <summary>
    /// The id for a new swarm: <see cref="Bisect"/> of the live ids, except that an id in <paramref name="retired"/>
    /// is never handed out again. When the midpoint was used before, it becomes one more boundary and the largest
    /// remaining gap is bisected instead; this repeats until the id is fresh.
    /// </summary>
    /// <param name="sortedLiveIds">Ids of the swarms that exist now, ascending.</param>
    /// <param name="retired">Ids of swarms that existed once and dissolved.</param>
    public static ulong NewId(IReadOnlyList<ulong> sortedLiveIds, IReadOnlySet<ulong> retired)
    {
        ArgumentNullException.ThrowIfNull(sortedLiveIds);
        ArgumentNullException.ThrowIfNull(retired);
        var candidate = Bisect(sortedLiveIds);
        if (!retired.Contains(candidate))
            return candidate;

        var boundaries = new List<ulong>(sortedLiveIds);
        while (true)
        {
            var at = boundaries.BinarySearch(candidate);
            if (at >= 0)
                throw new InvalidOperationException("The swarm id ring is full.");
            boundaries.Insert(~at, candidate);
            candidate = Bisect(boundaries);
            if (!retired.Contains(candidate) && boundaries.BinarySearch(candidate) < 0)
                return candidate;
        }
    }
}
