using Wisp.Protocol.Dht;

namespace Wisp.Dht.Storage;

/// <summary>
/// The records a persistent node holds per topic, one per public key: at most <see cref="Limits.MaxRecordsPerTopic"/>
/// a topic (a newcomer replaces the oldest) and <see cref="Limits.MaxTopics"/> topics (past it new topics are
/// refused); each lives <see cref="Limits.RecordTtl"/> unless announced again.
/// </summary>
internal sealed class RecordStore(TimeProvider time)
{
    private readonly Dictionary<DhtId, List<Kept>> _topics = [];

    public int Topics
    {
        get { lock (_topics) return _topics.Count; }
    }

    /// <summary>Stores or refreshes <paramref name="record"/> under <paramref name="topic"/>; false when the node holds as many topics as it may.</summary>
    public bool Put(DhtId topic, PeerRecordWire record)
    {
        var now = time.GetUtcNow();
        lock (_topics)
        {
            if (!_topics.TryGetValue(topic, out var records))
            {
                if (_topics.Count >= Limits.MaxTopics) Sweep(now);
                if (_topics.Count >= Limits.MaxTopics) return false;
                _topics[topic] = records = [];
            }
            records.RemoveAll(r => r.Record.PublicKey.AsSpan().SequenceEqual(record.PublicKey));
            if (records.Count >= Limits.MaxRecordsPerTopic) records.Remove(records.MinBy(r => r.Stored)!);
            records.Add(new Kept(record, now));
            return true;
        }
    }

    public void Remove(DhtId topic, ReadOnlySpan<byte> publicKey)
    {
        lock (_topics)
        {
            if (!_topics.TryGetValue(topic, out var records)) return;
            for (var i = records.Count - 1; i >= 0; i--)
                if (records[i].Record.PublicKey.AsSpan().SequenceEqual(publicKey)) records.RemoveAt(i);
            if (records.Count == 0) _topics.Remove(topic);
        }
    }

    /// <summary>The live records under <paramref name="topic"/>, newest first.</summary>
    public List<PeerRecordWire> Get(DhtId topic)
    {
        var oldest = time.GetUtcNow() - Limits.RecordTtl;
        lock (_topics)
        {
            if (!_topics.TryGetValue(topic, out var records)) return [];
            return [.. records.Where(r => r.Stored > oldest).OrderByDescending(r => r.Stored).Select(r => r.Record)];
        }
    }

    /// <summary>Drops expired records and empty topics.</summary>
    public void Sweep() => Sweep(time.GetUtcNow());

    private void Sweep(DateTimeOffset now)
    {
        var oldest = now - Limits.RecordTtl;
        lock (_topics)
        {
            foreach (var (topic, records) in _topics.ToList())
            {
                records.RemoveAll(r => r.Stored <= oldest);
                if (records.Count == 0) _topics.Remove(topic);
            }
        }
    }

    private sealed record Kept(PeerRecordWire Record, DateTimeOffset Stored);
}
