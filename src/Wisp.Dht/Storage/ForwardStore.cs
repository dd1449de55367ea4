using System.Net;
using Wisp.Protocol.Dht;

namespace Wisp.Dht.Storage;

/// <summary>A server this node relays for: its record, and its address as this node saw it (its NAT's mapping towards us).</summary>
internal sealed record ForwardEntry(PeerRecordWire Record, IPEndPoint Address, DateTimeOffset Stored);

/// <summary>
/// Forward entries: a server that announces itself (the record's key hashes to the target) makes this node one of
/// its relays. At most <see cref="Limits.MaxForwardEntries"/>; each lives <see cref="Limits.RecordTtl"/>.
/// </summary>
internal sealed class ForwardStore(TimeProvider time)
{
    private readonly Dictionary<DhtId, ForwardEntry> _entries = [];

    public int Count
    {
        get { lock (_entries) return _entries.Count; }
    }

    public bool Put(DhtId target, PeerRecordWire record, IPEndPoint address)
    {
        var now = time.GetUtcNow();
        lock (_entries)
        {
            if (!_entries.ContainsKey(target) && _entries.Count >= Limits.MaxForwardEntries)
            {
                Sweep(now);
                if (_entries.Count >= Limits.MaxForwardEntries) return false;
            }
            _entries[target] = new ForwardEntry(record, address, now);
            return true;
        }
    }

    public void Remove(DhtId target)
    {
        lock (_entries) _entries.Remove(target);
    }

    public ForwardEntry? Get(DhtId target)
    {
        lock (_entries)
        {
            if (!_entries.TryGetValue(target, out var entry)) return null;
            if (entry.Stored > time.GetUtcNow() - Limits.RecordTtl) return entry;
            _entries.Remove(target);
            return null;
        }
    }

    public void Sweep() => Sweep(time.GetUtcNow());

    private void Sweep(DateTimeOffset now)
    {
        lock (_entries)
        {
            foreach (var (target, entry) in _entries.ToList())
                if (entry.Stored <= now - Limits.RecordTtl) _entries.Remove(target);
        }
    }
}
