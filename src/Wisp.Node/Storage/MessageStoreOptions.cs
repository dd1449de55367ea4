namespace Wisp.Node.Storage;

/// <summary>How the SQLite message store is opened.</summary>
public sealed record MessageStoreOptions
{
    /// <summary>Path of the database file (created with its WAL beside it).</summary>
    public required string DatabasePath { get; init; }

    /// <summary>Bytes of message data the store accepts before answering <see cref="StoreOutcome.Full"/>.</summary>
    public long StorageCapBytes { get; init; } = 3_500_000_000;

    /// <summary>True: every change is acknowledged only after the WAL is fsynced (survives power loss; the fsync of one
    /// batch overlaps the next batch's work). False: acknowledged after COMMIT to the page cache (survives kill -9 only).</summary>
    public bool SynchronousFull { get; init; } = true;

    /// <summary>Writes that may wait for the writer before callers are made to wait to enqueue.</summary>
    public int WriteQueueCapacity { get; init; } = 4096;

    /// <summary>Most operations committed in one transaction.</summary>
    public int MaxBatchSize { get; init; } = 512;
}
