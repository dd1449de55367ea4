using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Wisp.Protocol.Rpc;

namespace Wisp.Node.Storage;

/// <summary>
/// <see cref="IMessageStore"/> on SQLite (WAL). Every change goes through one group-commit writer and is acknowledged
/// after COMMIT; reads use their own pooled read-only connections and never wait for the writer.
/// </summary>
public sealed partial class SqliteMessageStore : IMessageStore, IAsyncDisposable
{
    /// <summary>Rows the sweeper deletes per transaction, so a large expiry does not stall stores behind it.</summary>
    private const int ExpiryChunk = 1000;

    private readonly string _readConnectionString;
    private readonly string _databasePath;
    private readonly GroupCommitWriter _writer;
    private readonly ReaderPool _readers;

    private SqliteMessageStore(MessageStoreOptions options, ILogger logger)
    {
        _databasePath = Path.GetFullPath(options.DatabasePath);
        var connection = MessageStoreSchema.OpenWriter(_databasePath);
        using (var count = connection.CreateCommand())
        {
            count.CommandText = "SELECT count(*), coalesce(sum(length(data)), 0) FROM messages";
            using var reader = count.ExecuteReader();
            reader.Read();
            Counters.Initialize(reader.GetInt64(0), reader.GetInt64(1));
        }
        using (var storeId = connection.CreateCommand())
        {
            storeId.CommandText = "SELECT value FROM store_meta WHERE key = 'store_id'";
            StoreId = (string)storeId.ExecuteScalar()!;
        }
        _readConnectionString = MessageStoreSchema.ConnectionString(_databasePath, readOnly: true);
        _readers = new ReaderPool(_readConnectionString);
        _writer = new GroupCommitWriter(
            connection, Counters, options.StorageCapBytes, options.WriteQueueCapacity, options.MaxBatchSize,
            options.SynchronousFull ? new WalSyncer(_databasePath, logger) : null, logger);
    }

    /// <summary>Opens (creating if needed) the store at <see cref="MessageStoreOptions.DatabasePath"/>.</summary>
    public static SqliteMessageStore Open(MessageStoreOptions options, ILogger<SqliteMessageStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        return new SqliteMessageStore(options, logger);
    }

    /// <summary>A random id made with this database (32 hex): insertion ids are cursors only within one <see cref="StoreId"/>.</summary>
    public string StoreId { get; }

    /// <summary>Live counts: what is stored now and totals since start.</summary>
    public MessageStoreCounters Counters { get; } = new();

    /// <inheritdoc />
    public async Task<StoreResult> StoreAsync(StoredMessage message, bool replaceNamespace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var result = await _writer.EnqueueAsync(new WriteOperations.Store(message, replaceNamespace), cancellationToken).ConfigureAwait(false);
        if (result.Outcome == StoreOutcome.Stored)
            Arrivals.Signal(message.Owner, message.Namespace);
        return result;
    }

    /// <summary>Where waiting retrieves learn that a message was committed (signalled after each commit).</summary>
    public MessageArrivals Arrivals { get; } = new();

    /// <summary>What Session counts for each retrieved message besides its hash and base64 data (its DEFAULT_MSG_OVERHEAD).</summary>
    private const long RetrieveOverheadPerMessage = 100;

    /// <inheritdoc />
    public Task<RetrieveResult> RetrieveAsync(
        string owner, int @namespace, string? lastHash, int? maxCount, long maxSize, long nowMs,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _readers.Rent();
        long afterId = 0;
        if (lastHash is not null)
        {
            var find = connection.Command(
                "SELECT id FROM messages WHERE owner = $owner AND namespace = $ns AND hash = $hash", "$owner", "$ns", "$hash");
            find.Parameters[0].Value = owner;
            find.Parameters[1].Value = @namespace;
            find.Parameters[2].Value = lastHash;
            if (find.ExecuteScalar() is long id) afterId = id;
        }

        var select = connection.Command("""
            SELECT hash, length(data), data, timestamp, expiry FROM messages
            WHERE owner = $owner AND namespace = $ns AND id > $after AND expiry > $now
            ORDER BY id LIMIT $limit
            """, "$owner", "$ns", "$after", "$now", "$limit");
        select.Parameters[0].Value = owner;
        select.Parameters[1].Value = @namespace;
        select.Parameters[2].Value = afterId;
        select.Parameters[3].Value = nowMs;
        // One row past the count tells whether more remain; no count limit reads until the size budget is spent.
        var count = maxCount is { } c ? Math.Max(c, 1) : (int?)null;
        select.Parameters[4].Value = count is { } n ? (long)n + 1 : -1L;

        var messages = new List<RetrievedMessage>();
        long size = 0;
        var more = false;
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            if (messages.Count >= count)
            {
                more = true;
                break;
            }
            // Session's accounting, from the row's lengths before its data is read, so the answer never grows past the budget.
            var hash = reader.GetString(0);
            size += RetrieveOverheadPerMessage + hash.Length + reader.GetInt64(1) * 4 / 3;
            if (messages.Count > 0 && size > maxSize)
            {
                more = true;
                break;
            }
            messages.Add(new RetrievedMessage(hash, reader.GetInt64(3), reader.GetInt64(4), (byte[])reader.GetValue(2)));
        }
        return Task.FromResult(new RetrieveResult(messages, more));
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, long>> GetExpiriesAsync(
        string owner, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = OpenReader();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT expiry FROM messages WHERE hash = $hash AND owner = $owner";
        var hashParameter = select.Parameters.Add("$hash", SqliteType.Text);
        select.Parameters.AddWithValue("$owner", owner);
        var expiries = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var hash in hashes)
        {
            hashParameter.Value = hash;
            if (select.ExecuteScalar() is long expiry) expiries[hash] = expiry;
        }
        return Task.FromResult<IReadOnlyDictionary<string, long>>(expiries);
    }

    /// <inheritdoc />
    public async Task<int> DeleteExpiredAsync(long nowMs, CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await _writer.EnqueueAsync(new WriteOperations.DeleteExpired(nowMs, ExpiryChunk), cancellationToken)
                .ConfigureAwait(false);
            total += deleted;
        }
        while (deleted == ExpiryChunk);
        // Tombstones live as long as their messages would have: past that, no copy that they could stop is left.
        int tombstones;
        do
        {
            tombstones = await _writer.EnqueueAsync(new WriteOperations.DeleteExpiredTombstones(nowMs, ExpiryChunk), cancellationToken)
                .ConfigureAwait(false);
        }
        while (tombstones == ExpiryChunk);
        return total;
    }

    /// <inheritdoc />
    public Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = OpenReader();
        using var owners = connection.CreateCommand();
        owners.CommandText = "SELECT count(*) FROM (SELECT DISTINCT owner FROM messages)";
        var ownerCount = (long)owners.ExecuteScalar()!;
        var databaseBytes = FileLength(_databasePath) + FileLength(_databasePath + "-wal");
        return Task.FromResult(new StoreStatistics(Counters.Messages, Counters.DataBytes, ownerCount, databaseBytes));
    }

    /// <summary>Commits everything queued, checkpoints the WAL and closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        _readers.Dispose();
        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        return connection;
    }

    private static long FileLength(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
