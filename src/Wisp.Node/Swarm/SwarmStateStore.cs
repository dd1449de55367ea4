using Microsoft.Data.Sqlite;

namespace Wisp.Node.Swarm;

/// <summary>
/// What replication must remember across restarts, in <c>swarm.db</c> beside the message database: per swarm peer, the
/// cursor into its store (its store id and the insertion id synced up to), and the migration job in progress (the
/// registry version it was made for and how far it got). Small and rarely written, so one connection under a lock.
/// A cursor is written only after the messages it covers are committed here, so a crash repeats work and loses none.
/// </summary>
public sealed class SwarmStateStore : IDisposable
{
    /// <summary>The database file name inside the node's data directory.</summary>
    public const string FileName = "swarm.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS sync_cursors (
            peer     TEXT    PRIMARY KEY,
            store_id TEXT    NOT NULL,
            after_id INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS migration_jobs (
            registry_version INTEGER PRIMARY KEY,
            after_id         INTEGER NOT NULL
        );
        """;

    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    private SwarmStateStore(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens (creating if needed) the state database in <paramref name="dataDirectory"/>.</summary>
    public static SwarmStateStore Open(string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, FileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute(connection, Schema);
        return new SwarmStateStore(connection);
    }

    /// <summary>The cursor into <paramref name="peerHex"/>'s store: its store id and the insertion id synced up to (null, 0 when none is kept).</summary>
    public (string? StoreId, long AfterId) CursorFor(string peerHex)
    {
        lock (_lock)
        {
            using var select = _connection.CreateCommand();
            select.CommandText = "SELECT store_id, after_id FROM sync_cursors WHERE peer = $peer";
            select.Parameters.AddWithValue("$peer", peerHex);
            using var reader = select.ExecuteReader();
            return reader.Read() ? (reader.GetString(0), reader.GetInt64(1)) : (null, 0);
        }
    }

    /// <summary>Records that everything of <paramref name="peerHex"/>'s store up to <paramref name="afterId"/> is held here.</summary>
    public void SaveCursor(string peerHex, string storeId, long afterId)
    {
        lock (_lock)
        {
            using var upsert = _connection.CreateCommand();
            upsert.CommandText = """
                INSERT INTO sync_cursors (peer, store_id, after_id) VALUES ($peer, $store, $after)
                ON CONFLICT (peer) DO UPDATE SET store_id = excluded.store_id, after_id = excluded.after_id
                """;
            upsert.Parameters.AddWithValue("$peer", peerHex);
            upsert.Parameters.AddWithValue("$store", storeId);
            upsert.Parameters.AddWithValue("$after", afterId);
            upsert.ExecuteNonQuery();
        }
    }

    /// <summary>The pending migration job (the newest registry version one was made for) or null.</summary>
    public MigrationJob? PendingMigration()
    {
        lock (_lock)
        {
            using var select = _connection.CreateCommand();
            select.CommandText = "SELECT registry_version, after_id FROM migration_jobs ORDER BY registry_version DESC LIMIT 1";
            using var reader = select.ExecuteReader();
            return reader.Read() ? new MigrationJob(reader.GetInt64(0), reader.GetInt64(1)) : null;
        }
    }

    /// <summary>
    /// Replaces any job with a new one from the start, for <paramref name="registryVersion"/>: a newer mapping makes
    /// the old job's progress meaningless (each job pushes everything that is not this swarm's).
    /// </summary>
    public void StartMigration(long registryVersion)
    {
        lock (_lock)
        {
            using var replace = _connection.CreateCommand();
            replace.CommandText = "DELETE FROM migration_jobs; INSERT INTO migration_jobs (registry_version, after_id) VALUES ($version, 0)";
            replace.Parameters.AddWithValue("$version", registryVersion);
            replace.ExecuteNonQuery();
        }
    }

    /// <summary>Moves job <paramref name="registryVersion"/> on to <paramref name="afterId"/>; <paramref name="done"/> removes it.</summary>
    public void AdvanceMigration(long registryVersion, long afterId, bool done)
    {
        lock (_lock)
        {
            using var update = _connection.CreateCommand();
            update.CommandText = done
                ? "DELETE FROM migration_jobs WHERE registry_version = $version"
                : "UPDATE migration_jobs SET after_id = $after WHERE registry_version = $version";
            update.Parameters.AddWithValue("$version", registryVersion);
            update.Parameters.AddWithValue("$after", afterId);
            update.ExecuteNonQuery();
        }
    }

    /// <summary>Closes the database.</summary>
    public void Dispose()
    {
        lock (_lock) _connection.Dispose();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>A migration in progress: made for registry version <paramref name="RegistryVersion"/>, done up to insertion id <paramref name="AfterId"/>.</summary>
public sealed record MigrationJob(long RegistryVersion, long AfterId);
