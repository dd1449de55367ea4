using Wisp.Crypto.Keys;

namespace Wisp.Network.Swarms;

/// <summary>
/// A mutable copy of a <see cref="SwarmMap"/> that one assignment step works on. Members stay sorted by
/// <see cref="NodeKeyOrder"/> at all times, because every random draw indexes into them.
/// </summary>
internal sealed class SwarmWorkspace
{
    private readonly SortedDictionary<ulong, List<Ed25519PublicKey>> _swarms = [];
    private readonly IReadOnlySet<ulong> _originalRetired;
    private HashSet<ulong>? _retired;

    public SwarmWorkspace(SwarmMap map)
    {
        foreach (var swarm in map.Swarms)
            _swarms.Add(swarm.Id, [.. swarm.Members]);
        _originalRetired = map.RetiredIds;
    }

    public int Count => _swarms.Count;

    /// <summary>Swarms in ascending id order.</summary>
    public IEnumerable<KeyValuePair<ulong, List<Ed25519PublicKey>>> Swarms => _swarms;

    public List<Ed25519PublicKey> Members(ulong swarmId) => _swarms[swarmId];

    public void Add(ulong swarmId, Ed25519PublicKey node)
    {
        var members = _swarms[swarmId];
        var at = members.BinarySearch(node, NodeKeyOrder.Instance);
        if (at >= 0)
            throw new InvalidOperationException($"Node {node} is already in swarm {swarmId}.");
        members.Insert(~at, node);
    }

    public void Remove(ulong swarmId, Ed25519PublicKey node)
    {
        var members = _swarms[swarmId];
        var at = members.BinarySearch(node, NodeKeyOrder.Instance);
        if (at < 0)
            throw new InvalidOperationException($"Node {node} is not in swarm {swarmId}.");
        members.RemoveAt(at);
    }

    /// <summary>Creates a swarm at a fresh id (see <see cref="SwarmIds.NewId"/>) and returns the id.</summary>
    public ulong CreateSwarm(IEnumerable<Ed25519PublicKey> members)
    {
        var id = SwarmIds.NewId([.. _swarms.Keys], (IReadOnlySet<ulong>?)_retired ?? _originalRetired);
        var sorted = new List<Ed25519PublicKey>(members);
        sorted.Sort(NodeKeyOrder.Instance);
        _swarms.Add(id, sorted);
        return id;
    }

    /// <summary>Removes a swarm, retires its id for good, and returns its former members (sorted).</summary>
    public List<Ed25519PublicKey> Dissolve(ulong swarmId)
    {
        var members = _swarms[swarmId];
        _swarms.Remove(swarmId);
        _retired ??= [.. _originalRetired];
        _retired.Add(swarmId);
        return members;
    }

    public SwarmMap ToMap()
    {
        var ids = new ulong[_swarms.Count];
        var swarms = new Swarm[_swarms.Count];
        var i = 0;
        foreach (var (id, members) in _swarms)
        {
            ids[i] = id;
            swarms[i] = new Swarm(id, [.. members]);
            i++;
        }
        return new SwarmMap(ids, swarms, (IReadOnlySet<ulong>?)_retired ?? _originalRetired);
    }
}
