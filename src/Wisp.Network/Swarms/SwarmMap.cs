using Wisp.Crypto.Keys;
using Wisp.Protocol.Swarms;

namespace Wisp.Network.Swarms;

/// <summary>
/// Which nodes form which swarm at one registry version: swarm id → members sorted by Ed25519 key, plus the ids of
/// swarms that dissolved (never reused). Immutable; <see cref="SwarmAssignment"/> makes the next one. Lookups answer
/// "which swarm is this node in" and "which swarm stores this account".
/// </summary>
public sealed class SwarmMap : IEquatable<SwarmMap>
{
    private readonly ulong[] _ids;
    private readonly Swarm[] _swarms;
    private Dictionary<Ed25519PublicKey, ulong>? _swarmOfNode;

    /// <summary>No swarms, nothing retired: the map before the first join.</summary>
    public static SwarmMap Empty { get; } = new([], [], new HashSet<ulong>());

    internal SwarmMap(ulong[] sortedIds, Swarm[] swarms, IReadOnlySet<ulong> retiredIds)
    {
        _ids = sortedIds;
        _swarms = swarms;
        RetiredIds = retiredIds;
        NodeCount = swarms.Sum(s => s.Members.Count);
    }

    /// <summary>Swarm ids, ascending (what <see cref="SwarmSpace.NearestSwarm"/> expects).</summary>
    public IReadOnlyList<ulong> SwarmIds => _ids;

    /// <summary>The swarms, in ascending id order.</summary>
    public IReadOnlyList<Swarm> Swarms => _swarms;

    /// <summary>Ids of swarms that existed and dissolved; a new swarm never takes one of them.</summary>
    public IReadOnlySet<ulong> RetiredIds { get; }

    /// <summary>How many nodes are in a swarm (every active node is in exactly one).</summary>
    public int NodeCount { get; }

    /// <summary>The swarm with id <paramref name="swarmId"/>, or null.</summary>
    public Swarm? Find(ulong swarmId)
    {
        var at = Array.BinarySearch(_ids, swarmId);
        return at >= 0 ? _swarms[at] : null;
    }

    /// <summary>The swarm <paramref name="node"/> belongs to, or null when it is not an active node.</summary>
    public Swarm? SwarmOf(Ed25519PublicKey node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return NodeIndex().TryGetValue(node, out var id) ? Find(id) : null;
    }

    /// <summary>The swarm that stores the accounts at swarm-space point <paramref name="space"/>, or null when there are no swarms.</summary>
    public Swarm? SwarmForSpace(ulong space)
    {
        var id = SwarmSpace.NearestSwarm(_ids, space);
        return id == SwarmSpace.InvalidSwarmId ? null : Find(id);
    }

    /// <summary>The swarm that stores <paramref name="account"/>'s messages, or null when there are no swarms.</summary>
    public Swarm? SwarmForAccount(AccountId account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return SwarmForSpace(SwarmSpace.SpaceOf(account.X25519PublicKey.Span));
    }

    /// <summary>
    /// The swarm for a storage key as it travels in requests: 33 bytes with its prefix (05 account, 03 group, …).
    /// </summary>
    /// <exception cref="ArgumentException">The key is not 33 bytes.</exception>
    public Swarm? SwarmForPrefixedKey(ReadOnlySpan<byte> prefixedKey) => SwarmForSpace(SwarmSpace.SpaceOfPrefixed(prefixedKey));

    private Dictionary<Ed25519PublicKey, ulong> NodeIndex()
    {
        if (_swarmOfNode is { } built)
            return built;
        var index = new Dictionary<Ed25519PublicKey, ulong>(NodeCount);
        foreach (var swarm in _swarms)
        {
            foreach (var member in swarm.Members)
                index[member] = swarm.Id;
        }
        Interlocked.CompareExchange(ref _swarmOfNode, index, null);
        return _swarmOfNode;
    }

    public bool Equals(SwarmMap? other) =>
        other is not null
        && _ids.AsSpan().SequenceEqual(other._ids)
        && _swarms.AsSpan().SequenceEqual(other._swarms)
        && RetiredIds.SetEquals(other.RetiredIds);

    public override bool Equals(object? obj) => Equals(obj as SwarmMap);
    public override int GetHashCode() => HashCode.Combine(_ids.Length, NodeCount, RetiredIds.Count);
    public override string ToString() => $"{_ids.Length} swarms, {NodeCount} nodes";
}
