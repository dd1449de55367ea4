using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Wisp.Node.Storage;

/// <summary>
/// Makes committed batches durable and only then acknowledges them: fsyncs the database's WAL file after the writer's
/// COMMIT, off the writer's thread. While one fsync runs, the writer already commits the next batches to the page
/// cache; the next fsync then covers all of them. This is the pipelining that lets the writer's SQLite work and the
/// disk flush overlap.
/// </summary>
/// <remarks>
/// <para>Why this is as durable as <c>synchronous=FULL</c>: every frame of a transaction is written to the WAL before
/// its COMMIT returns, and an fsync of the WAL file started after that COMMIT returned puts those frames (and every
/// earlier one) on stable storage. Recovery replays the WAL up to the last valid commit frame, so an acknowledged
/// batch survives power loss. SQLite itself (at <c>synchronous=NORMAL</c>) syncs the WAL before every checkpoint and
/// the database after it, so checkpoints never lose a frame either.</para>
/// <para>What differs from FULL: a reader may see a batch a moment before its fsync ends. Its callers are still not
/// acknowledged until then, and a crash of the process alone (kill -9) loses nothing, since the written pages are in
/// the kernel's cache.</para>
/// </remarks>
internal sealed partial class WalSyncer : IAsyncDisposable
{
    private readonly Channel<CommittedBatch> _committed = Channel.CreateUnbounded<CommittedBatch>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly string _walPath;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private FileStream? _wal;

    public WalSyncer(string databasePath, ILogger logger)
    {
        _walPath = databasePath + "-wal";
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Hands over operations whose transaction has committed; they complete after the next fsync.</summary>
    public void Committed(List<WriteOperation> operations)
    {
        // Unbounded is safe: the writer waits for nothing here, and at most what its own bounded queue held can pile up.
        if (!_committed.Writer.TryWrite(new CommittedBatch(operations)))
        {
            var closed = new ObjectDisposedException(nameof(SqliteMessageStore), "The message store is shutting down.");
            foreach (var operation in operations) operation.Fail(closed);
        }
    }

    private async Task RunAsync()
    {
        var waiting = new List<CommittedBatch>();
        while (await _committed.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_committed.Reader.TryRead(out var batch)) waiting.Add(batch);
            try
            {
                // Every batch taken above committed before this fsync starts, so it covers all of them.
                _wal ??= new FileStream(_walPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
                _wal.Flush(flushToDisk: true);
                foreach (var batch in waiting)
                    foreach (var operation in batch.Operations) operation.Complete();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Not known to be durable: none is acknowledged. The rows may still be there; a retried store finds them.
                LogSyncFailed(_logger, exception, waiting.Sum(batch => batch.Operations.Count));
                foreach (var batch in waiting)
                    foreach (var operation in batch.Operations) operation.Fail(exception);
                _wal?.Dispose();
                _wal = null;
            }
            waiting.Clear();
        }
    }

    /// <summary>Syncs and acknowledges everything handed over, then closes the WAL handle. Call after the writer stopped.</summary>
    public async ValueTask DisposeAsync()
    {
        _committed.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        if (_wal is not null) await _wal.DisposeAsync().ConfigureAwait(false);
    }

    private sealed record CommittedBatch(List<WriteOperation> Operations);

    [LoggerMessage(Level = LogLevel.Error, Message = "The fsync of the WAL failed; {Count} committed operations were not acknowledged")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception, int count);
}
