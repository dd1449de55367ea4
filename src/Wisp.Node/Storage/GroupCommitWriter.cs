using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Wisp.Node.Storage;

/// <summary>
/// The store's single writer. Callers enqueue operations into a bounded channel; one loop takes whatever is waiting
/// (up to a batch limit), runs it in one transaction and completes every caller's task after that transaction's
/// COMMIT — and, with a <see cref="WalSyncer"/>, after the fsync that follows it. Many concurrent stores thus share one
/// fsync, and nothing is acknowledged before it is durable. While that fsync runs the loop already commits the next batch.
/// </summary>
/// <remarks>When the queue is full, callers wait (back-pressure reaches the HTTP request, which has its own time
/// limits) rather than being dropped: dropping would turn load into lost stores the client cannot tell apart.</remarks>
internal sealed partial class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<WriteOperation> _queue;
    private readonly SqliteConnection _connection;
    private readonly WriteBatchContext _context;
    private readonly MessageStoreCounters _counters;
    private readonly int _maxBatch;
    private readonly ILogger _logger;
    private readonly WalSyncer? _syncer;
    private readonly Task _loop;
    private int _disposed;

    // syncer: fsyncs the WAL before operations are acknowledged; null when acknowledging after COMMIT to the page
    // cache is enough (MessageStoreOptions.SynchronousFull off).
    public GroupCommitWriter(
        SqliteConnection connection, MessageStoreCounters counters, long storageCapBytes, int queueCapacity, int maxBatch,
        WalSyncer? syncer, ILogger logger)
    {
        _syncer = syncer;
        _connection = connection;
        _counters = counters;
        _maxBatch = maxBatch;
        _logger = logger;
        _context = new WriteBatchContext(connection, counters, storageCapBytes);
        _queue = Channel.CreateBounded<WriteOperation>(new BoundedChannelOptions(queueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues an operation and returns its result once committed.</summary>
    /// <exception cref="ObjectDisposedException">The store is shutting down.</exception>
    public async Task<T> EnqueueAsync<T>(WriteOperation<T> operation, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(operation, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(SqliteMessageStore), "The message store is shutting down.");
        }
        // Once queued the operation will run; a caller that stops waiting does not undo it.
        return await operation.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Queues one piece of a large write and returns once it has run (see <see cref="WriteOperation{T}.Executed"/>), so
    /// the caller can queue the next piece behind whatever arrived meanwhile; the piece's <c>Task</c> completes after COMMIT.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The store is shutting down.</exception>
    public async Task<T> EnqueuePieceAsync<T>(WriteOperation<T> operation)
    {
        try
        {
            await _queue.Writer.WriteAsync(operation).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(SqliteMessageStore), "The message store is shutting down.");
        }
        return await operation.Executed.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteOperation>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var operation)) batch.Add(operation);
            try
            {
                CommitBatch(batch);
            }
            catch (Exception exception)
            {
                // The batch failed as a whole (BEGIN or COMMIT): none of it is acknowledged.
                LogBatchFailed(_logger, exception, batch.Count);
                foreach (var operation in batch) operation.Fail(exception);
            }
            batch.Clear();
        }
    }

    private void CommitBatch(List<WriteOperation> batch)
    {
        var succeeded = new List<WriteOperation>(batch.Count);
        _context.Deltas = default;
        using (var transaction = _connection.BeginTransaction(deferred: false))
        {
            _context.Transaction = transaction;
            try
            {
                foreach (var operation in batch)
                {
                    var before = _context.Deltas;
                    _context.Savepoint(SavepointStep.Begin);
                    try
                    {
                        operation.Execute(_context);
                        _context.Savepoint(SavepointStep.Release);
                        succeeded.Add(operation);
                    }
                    catch (Exception exception)
                    {
                        // One bad operation must not sink its neighbours: undo just it and go on.
                        _context.Savepoint(SavepointStep.Rollback);
                        _context.Savepoint(SavepointStep.Release);
                        _context.Deltas = before;
                        LogOperationFailed(_logger, exception, operation.GetType().Name);
                        operation.Fail(exception);
                    }
                }
                transaction.Commit();
            }
            finally
            {
                _context.Transaction = null;
            }
        }
        _counters.Apply(_context.Deltas);
        if (_syncer is not null) _syncer.Committed(succeeded);
        else foreach (var operation in succeeded) operation.Complete();
    }

    /// <summary>Stops taking operations, commits everything already queued, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            await _loop.ConfigureAwait(false);
            return;
        }
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        if (_syncer is not null) await _syncer.DisposeAsync().ConfigureAwait(false);
        _context.DisposeCommands();
        try
        {
            // Fold the WAL back into the database so a stopped node leaves one self-contained file.
            MessageStoreSchema.Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        }
        catch (SqliteException exception)
        {
            LogCheckpointFailed(_logger, exception);
        }
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A group commit of {Count} operations failed; none was acknowledged")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Operation} failed and was rolled back")]
    private static partial void LogOperationFailed(ILogger logger, Exception exception, string operation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The WAL checkpoint at shutdown failed; SQLite will recover the WAL at next start")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
