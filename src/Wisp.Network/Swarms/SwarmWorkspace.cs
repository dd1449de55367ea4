using Wisp.Crypto.Keys;

namespace Wisp.Network.Swarms;

/// <summary>
/// A copy-on-write view of a <see cref="SwarmMap"/> that one assignment step works on: a swarm's members are copied
/// only when the step changes them, so a change costs time in proportion to the swarms it touches, not the network.
/// Members stay sorted by <see cref="NodeKeyOrder"/> at all times, because every random draw indexes into them.
/// </summary>
internal sealed class SwarmWorkspace
{
    private readonly List<ulong> _ids;
    private readonly Dictionary<ulong, Swarm> _unchanged;
    private readonly Dictionary<ulong, List<Ed25519PublicKey>> _changed = [];
    private readonly IReadOnlySet<ulong> _originalRetired;
    private HashSet<ulong>? _retired;

    public SwarmWorkspace(SwarmMap map)
    {
        _ids = [.. map.SwarmIds];
        _unchanged = new Dictionary<ulong, Swarm>(map.Swarms.Count);
        foreach (var swarm in map.Swarms)
            _unchanged.Add(swarm.Id, swarm);
        _originalRetired = map.RetiredIds;
    }

    public int Count => _ids.Count;

    /// <summary>Swarm ids in ascending order.</summary>
    public IReadOnlyList<ulong> Ids => _ids;

    /// <summary>The members of a swarm, read-only and sorted.</summary>
    public IReadOnlyList<Ed25519PublicKey> Members(ulong swarmId) =>
        _changed.TryGetValue(swarmId, out var members) ? members : _unchanged[swarmId].Members;

    public int Size(ulong swarmId) => Members(swarmId).Count;

    public void Add(ulong swarmId, Ed25519PublicKey node)
    {
        var members = Writable(swarmId);
        var at = members.BinarySearch(node, NodeKeyOrder.Instance);
        if (at >= 0)
            throw new InvalidOperationException($"Node {node} is already in swarm {swarmId}.");
        members.Insert(~at, node);
    }

    public void Remove(ulong swarmId, Ed25519PublicKey node)
    {
        var members = Writable(swarmId);
        var at = members.BinarySearch(node, NodeKeyOrder.Instance);
        if (at < 0)
            throw new InvalidOperationException($"Node {node} is not in swarm {swarmId}.");
        members.RemoveAt(at);
    }

    /// <summary>Creates a swarm at a fresh id (see <see cref="SwarmIds.NewId"/>) and returns the id.</summary>
    public ulong CreateSwarm(IEnumerable<Ed25519PublicKey> members)
    {
        var id = SwarmIds.NewId(_ids, (IReadOnlySet<ulong>?)_retired ?? _originalRetired);
        var sorted = new List<Ed25519PublicKey>(members);
        sorted.Sort(NodeKeyOrder.Instance);
        _ids.Insert(~_ids.BinarySearch(id), id);
        _changed.Add(id, sorted);
        return id;
    }

    /// <summary>Removes a swarm, retires its id for good, and returns its former members (sorted).</summary>
    public List<Ed25519PublicKey> Dissolve(ulong swarmId)
    {
        var members = new List<Ed25519PublicKey>(Members(swarmId));
        _ids.RemoveAt(_ids.BinarySearch(swarmId));
        _changed.Remove(swarmId);
        _unchanged.Remove(swarmId);
        _retired ??= [.. _originalRetired];
        _retired.Add(swarmId);
        return members;
    }

    public SwarmMap ToMap()
    {
        var ids = _ids.ToArray();
        var swarms = new Swarm[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            swarms[i] = _changed.TryGetValue(ids[i], out var members)
                ? new Swarm(ids[i], [.. members])
                : _unchanged[ids[i]];
        }
        return new SwarmMap(ids, swarms, (IReadOnlySet<ulong>?)_retired ?? _originalRetired);
    }

    private List<Ed25519PublicKey> Writable(ulong swarmId)
    {
        if (!_changed.TryGetValue(swarmId, out var members))
        {
            members = [.. _unchanged[swarmId].Members];
            _changed.Add(swarmId, members);
        }
        return members;
    }
}
