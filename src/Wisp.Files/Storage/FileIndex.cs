using Microsoft.Data.Sqlite;

namespace Wisp.Files.Storage;

/// <summary>
/// The SQLite index of what is stored: one row per Session file (by ID) and per chunk (by hash, with the uploader it
/// counts against), each with its size, upload time and expiry. The bytes live in <see cref="BlobStore"/>. Writes are
/// serialised by a lock (SQLite has one writer anyway); reads use their own connections.
/// </summary>
internal sealed class FileIndex : IDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _write = new(1, 1);

    public FileIndex(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS files (
                id TEXT PRIMARY KEY, size INTEGER NOT NULL, uploaded INTEGER NOT NULL, expires INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS files_expires ON files (expires);
            CREATE TABLE IF NOT EXISTS chunks (
                hash TEXT PRIMARY KEY, size INTEGER NOT NULL, uploader TEXT NOT NULL, uploaded INTEGER NOT NULL, expires INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS chunks_expires ON chunks (expires);
            CREATE INDEX IF NOT EXISTS chunks_uploader ON chunks (uploader);
            """);
    }

    /// <summary>The live entry, or null when it is unknown or expired at <paramref name="nowMs"/>.</summary>
    public async Task<StoredEntry?> FindAsync(EntryKind kind, string key, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = kind == EntryKind.File
            ? "SELECT size, uploaded, expires FROM files WHERE id = $key AND expires > $now"
            : "SELECT size, uploaded, expires FROM chunks WHERE hash = $key AND expires > $now";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$now", nowMs);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredEntry(key, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2))
            : null;
    }

    /// <summary>Whether a row exists (expired or not: its bytes are still on disk until the sweep).</summary>
    public async Task<bool> ExistsAsync(EntryKind kind, string key, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = kind == EntryKind.File ? "SELECT 1 FROM files WHERE id = $key" : "SELECT 1 FROM chunks WHERE hash = $key";
        command.Parameters.AddWithValue("$key", key);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>
    /// Adds the entry, or when it is already there moves its upload time and expiry (Session's de-duplication) and
    /// keeps its size and uploader. Returns the entry as stored and whether it was new.
    /// </summary>
    public async Task<(StoredEntry Entry, bool Created)> UpsertAsync(
        EntryKind kind, string key, long size, string? uploader, long nowMs, long expiresMs, CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken);
        try
        {
            await using var connection = Open();
            await using var update = connection.CreateCommand();
            update.CommandText = kind == EntryKind.File
                ? "UPDATE files SET uploaded = $now, expires = $expires WHERE id = $key RETURNING size"
                : "UPDATE chunks SET uploaded = $now, expires = $expires WHERE hash = $key RETURNING size";
            update.Parameters.AddWithValue("$key", key);
            update.Parameters.AddWithValue("$now", nowMs);
            update.Parameters.AddWithValue("$expires", expiresMs);
            if (await update.ExecuteScalarAsync(CancellationToken.None) is long existing)
                return (new StoredEntry(key, existing, nowMs, expiresMs), false);

            await using var insert = connection.CreateCommand();
            insert.CommandText = kind == EntryKind.File
                ? "INSERT INTO files (id, size, uploaded, expires) VALUES ($key, $size, $now, $expires)"
                : "INSERT INTO chunks (hash, size, uploader, uploaded, expires) VALUES ($key, $size, $uploader, $now, $expires)";
            insert.Parameters.AddWithValue("$key", key);
            insert.Parameters.AddWithValue("$size", size);
            insert.Parameters.AddWithValue("$uploader", uploader ?? "");
            insert.Parameters.AddWithValue("$now", nowMs);
            insert.Parameters.AddWithValue("$expires", expiresMs);
            await insert.ExecuteNonQueryAsync(CancellationToken.None);
            return (new StoredEntry(key, size, nowMs, expiresMs), true);
        }
        finally
        {
            _write.Release();
        }
    }

    /// <summary>Of <paramref name="hashes"/>, those stored and live at <paramref name="nowMs"/>.</summary>
    public async Task<HashSet<string>> LiveChunksAsync(IReadOnlyCollection<string> hashes, long nowMs, CancellationToken cancellationToken)
    {
        var live = new HashSet<string>(StringComparer.Ordinal);
        if (hashes.Count == 0) return live;
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        // One parameter per hash (at most FileLimits.MaxHaveHashes, under SQLite's parameter limit).
        var names = hashes.Select((hash, i) => { command.Parameters.AddWithValue($"$h{i}", hash); return $"$h{i}"; });
        command.CommandText = $"SELECT hash FROM chunks WHERE expires > $now AND hash IN ({string.Join(',', names)})";
        command.Parameters.AddWithValue("$now", nowMs);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) live.Add(reader.GetString(0));
        return live;
    }

    /// <summary>Bytes stored in all (files and chunks, expired ones not yet swept included).</summary>
    public long TotalBytes()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COALESCE(SUM(size), 0) FROM files) + (SELECT COALESCE(SUM(size), 0) FROM chunks)";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Bytes of chunks each uploader holds.</summary>
    public Dictionary<string, long> BytesByUploader()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT uploader, SUM(size) FROM chunks GROUP BY uploader";
        using var reader = command.ExecuteReader();
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read()) totals[reader.GetString(0)] = reader.GetInt64(1);
        return totals;
    }

    /// <summary>
    /// Removes up to <paramref name="limit"/> entries that expired at <paramref name="nowMs"/> and returns them (with the
    /// uploader of each chunk), so their bytes can be deleted and their sizes given back.
    /// </summary>
    public async Task<IReadOnlyList<(EntryKind Kind, string Key, long Size, string Uploader)>> TakeExpiredAsync(
        long nowMs, int limit, CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken);
        try
        {
            var taken = new List<(EntryKind, string, long, string)>();
            await using var connection = Open();
            foreach (var (kind, sql) in new[]
            {
                (EntryKind.File, "DELETE FROM files WHERE id IN (SELECT id FROM files WHERE expires <= $now LIMIT $limit) RETURNING id, size, ''"),
                (EntryKind.Chunk, "DELETE FROM chunks WHERE hash IN (SELECT hash FROM chunks WHERE expires <= $now LIMIT $limit) RETURNING hash, size, uploader"),
            })
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.Parameters.AddWithValue("$now", nowMs);
                command.Parameters.AddWithValue("$limit", limit);
                await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
                while (await reader.ReadAsync(CancellationToken.None))
                    taken.Add((kind, reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
            }
            return taken;
        }
        finally
        {
            _write.Release();
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _write.Dispose();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
