namespace Wisp.Node.Storage;

/// <summary>
/// Live counts kept by the store's single writer: what is stored now (exact, because every change goes through the
/// writer) and running totals since start. Read by metrics and the storage cap; updated only after COMMIT.
/// </summary>
public sealed class MessageStoreCounters
{
    private long _messages;
    private long _dataBytes;
    private long _storedTotal;
    private long _storedBytesTotal;
    private long _deletedTotal;
    private long _expiredTotal;
    private long _rejectedFullTotal;
    private long _commits;

    /// <summary>Messages in the store now.</summary>
    public long Messages => Volatile.Read(ref _messages);

    /// <summary>Bytes of message data in the store now (what the storage cap limits).</summary>
    public long DataBytes => Volatile.Read(ref _dataBytes);

    /// <summary>Messages newly stored since start.</summary>
    public long StoredTotal => Volatile.Read(ref _storedTotal);

    /// <summary>Bytes of data newly stored since start.</summary>
    public long StoredBytesTotal => Volatile.Read(ref _storedBytesTotal);

    /// <summary>Messages deleted by their owners since start.</summary>
    public long DeletedTotal => Volatile.Read(ref _deletedTotal);

    /// <summary>Messages removed by the expiry sweeper since start.</summary>
    public long ExpiredTotal => Volatile.Read(ref _expiredTotal);

    /// <summary>Stores refused because the storage cap was reached, since start.</summary>
    public long RejectedFullTotal => Volatile.Read(ref _rejectedFullTotal);

    /// <summary>Group-commit transactions committed since start.</summary>
    public long Commits => Volatile.Read(ref _commits);

    internal void Initialize(long messages, long dataBytes)
    {
        Volatile.Write(ref _messages, messages);
        Volatile.Write(ref _dataBytes, dataBytes);
    }

    internal void Apply(in WriteDeltas deltas)
    {
        Interlocked.Add(ref _messages, deltas.Messages);
        Interlocked.Add(ref _dataBytes, deltas.DataBytes);
        Interlocked.Add(ref _storedTotal, deltas.Stored);
        Interlocked.Add(ref _storedBytesTotal, deltas.StoredBytes);
        Interlocked.Add(ref _deletedTotal, deltas.Deleted);
        Interlocked.Add(ref _expiredTotal, deltas.Expired);
        Interlocked.Add(ref _rejectedFullTotal, deltas.RejectedFull);
        Interlocked.Increment(ref _commits);
    }
}

/// <summary>What one batch (or one operation in it) changed, applied to the counters after COMMIT.</summary>
internal record struct WriteDeltas(
    long Messages, long DataBytes, long Stored, long StoredBytes, long Deleted, long Expired, long RejectedFull);
