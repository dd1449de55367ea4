namespace Wisp.Dht.Routing;

/// <summary>What <see cref="RoutingTable.Add"/> did.</summary>
internal enum AddResult
{
    /// <summary>Newly added.</summary>
    Added,
    /// <summary>Already there; its last-seen time is updated.</summary>
    Refreshed,
    /// <summary>Its row is full: ping the row's oldest node (returned) and swap if it is gone.</summary>
    RowFull,
    /// <summary>Our own id: never stored.</summary>
    Self,
}

/// <summary>
/// Kademlia's table: one row per length of the prefix shared with our id, at most <see cref="Limits.K"/> nodes a
/// row. A full row keeps its old nodes (long-lived nodes are the likeliest to stay): the caller pings the oldest
/// and only a silent one is swapped for the newcomer.
/// </summary>
internal sealed class RoutingTable(DhtId self)
{
    private readonly List<Contact>?[] _rows = new List<Contact>?[257];
    private readonly object _gate = new();
    private int _count;

    public DhtId Self { get; } = self;

    public int Count
    {
        get { lock (_gate) return _count; }
    }

    public AddResult Add(Contact contact, out Contact? oldest)
    {
        oldest = null;
        var row = Self.CommonPrefixLength(contact.Id);
        if (row == 256) return AddResult.Self;
        lock (_gate)
        {
            var nodes = _rows[row] ??= [];
            var known = nodes.FindIndex(n => n.Id == contact.Id);
            if (known >= 0)
            {
                nodes[known].Seen = Math.Max(nodes[known].Seen, contact.Seen);
                return AddResult.Refreshed;
            }
            if (nodes.Count < Limits.K)
            {
                nodes.Add(contact);
                _count++;
                return AddResult.Added;
            }
            oldest = nodes.MinBy(n => n.Seen);
            return AddResult.RowFull;
        }
    }

    /// <summary>Puts <paramref name="newcomer"/> in the place of <paramref name="gone"/>, if <paramref name="gone"/> is still there.</summary>
    public bool Replace(Contact gone, Contact newcomer)
    {
        var row = Self.CommonPrefixLength(gone.Id);
        lock (_gate)
        {
            var nodes = _rows[row];
            var at = nodes?.FindIndex(n => n.Id == gone.Id) ?? -1;
            if (at < 0 || nodes!.Exists(n => n.Id == newcomer.Id)) return false;
            nodes[at] = newcomer;
            return true;
        }
    }

    public bool Remove(DhtId id)
    {
        var row = Self.CommonPrefixLength(id);
        lock (_gate)
        {
            if (_rows[row]?.RemoveAll(n => n.Id == id) is not > 0) return false;
            _count--;
            return true;
        }
    }

    public Contact? Get(DhtId id)
    {
        var row = Self.CommonPrefixLength(id);
        lock (_gate) return _rows[row]?.Find(n => n.Id == id);
    }

    /// <summary>The <paramref name="count"/> nodes closest to <paramref name="target"/> by XOR, closest first.</summary>
    public List<Contact> Closest(DhtId target, int count)
    {
        List<Contact> all;
        lock (_gate) all = [.. _rows.Where(r => r is not null).SelectMany(r => r!)];
        all.Sort((x, y) => target.CompareDistance(x.Id, y.Id));
        if (all.Count > count) all.RemoveRange(count, all.Count - count);
        return all;
    }

    /// <summary>The <paramref name="count"/> least recently seen nodes (the ones to ping).</summary>
    public List<Contact> LeastRecentlySeen(int count)
    {
        lock (_gate) return [.. _rows.Where(r => r is not null).SelectMany(r => r!).OrderBy(n => n.Seen).Take(count)];
    }

    public List<Contact> All()
    {
        lock (_gate) return [.. _rows.Where(r => r is not null).SelectMany(r => r!)];
    }
}
