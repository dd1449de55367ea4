using Microsoft.Data.Sqlite;

namespace Wisp.Node.Storage;

/// <summary>
/// The message table and its indexes, the tombstones of deleted messages, and the connection settings every
/// connection to it uses.
/// </summary>
/// <remarks>
/// <para><c>id</c> is the rowid, which gives insertion order. It is not AUTOINCREMENT: SQLite hands out
/// max(rowid)+1, so a new row always sorts after every row that still exists, which is all that retrieve's
/// "after <c>last_hash</c>" needs (a deleted <c>last_hash</c> is unknown and retrieve starts from the beginning).</para>
/// <para>Durability: the database runs in WAL mode, and the writer's connection at <c>synchronous=NORMAL</c>: COMMIT
/// appends to the WAL file (the OS page cache) without fsync. That alone survives kill -9 of the process, because the
/// kernel still holds the written pages, but the last transactions can be lost if the machine itself loses power.
/// With <see cref="MessageStoreOptions.SynchronousFull"/> (the default) the <see cref="WalSyncer"/> fsyncs the WAL
/// after each COMMIT and acknowledges only then — FULL's guarantee, with the fsync off the writer's thread so that it
/// overlaps the next batch (group commit: one fsync for many stores).</para>
/// </remarks>
internal static class MessageStoreSchema
{
    /// <summary>The database file name inside the node's data directory.</summary>
    public const string FileName = "messages.db";

    private const string CreateSql = """
        CREATE TABLE IF NOT EXISTS messages (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            owner     TEXT    NOT NULL,
            namespace INTEGER NOT NULL,
            hash      TEXT    NOT NULL,
            data      BLOB    NOT NULL,
            timestamp INTEGER NOT NULL,
            expiry    INTEGER NOT NULL,
            owner_sig BLOB
        );
        -- a message once per (owner, namespace, hash); hash first, because delete, expire and get_expiries name
        -- messages by hash and owner without a namespace. One index for both: every index is one more B-tree page
        -- that each store of a new owner dirties, and those pages are what a commit writes.
        CREATE UNIQUE INDEX IF NOT EXISTS messages_hash_owner_namespace ON messages (hash, owner, namespace);
        -- retrieve: owner and namespace, then rows after an id, in id order
        CREATE INDEX IF NOT EXISTS messages_owner_namespace_id ON messages (owner, namespace, id);
        -- databases made before the index above had a separate one on hash alone
        DROP INDEX IF EXISTS messages_hash;
        -- the expiry sweeper
        CREATE INDEX IF NOT EXISTS messages_expiry ON messages (expiry);
        -- what owners deleted (delete, delete_all, delete_before), so that catch-up and migration pushes, which may
        -- carry a copy read before the delete or held by a member that missed it, do not bring it back. A tombstone
        -- lives as long as the message would have (its expiry), so the table is bounded like messages.
        CREATE TABLE IF NOT EXISTS tombstones (
            hash      TEXT    NOT NULL,
            owner     TEXT    NOT NULL,
            namespace INTEGER NOT NULL,
            expiry    INTEGER NOT NULL,
            PRIMARY KEY (hash, owner, namespace)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS tombstones_expiry ON tombstones (expiry);
        -- subaccount tokens an owner revoked (revoke_subaccount); Session keeps the 50 most recent per owner
        CREATE TABLE IF NOT EXISTS revoked_subaccounts (
            owner     TEXT    NOT NULL,
            token     BLOB    NOT NULL,
            timestamp INTEGER NOT NULL,
            PRIMARY KEY (owner, token)
        ) WITHOUT ROWID;
        CREATE TRIGGER IF NOT EXISTS revoked_subaccounts_keep_recent AFTER INSERT ON revoked_subaccounts
            WHEN (SELECT count(*) FROM revoked_subaccounts WHERE owner = NEW.owner) > 50
        BEGIN
            DELETE FROM revoked_subaccounts WHERE owner = NEW.owner AND token NOT IN
                (SELECT token FROM revoked_subaccounts WHERE owner = NEW.owner ORDER BY timestamp DESC LIMIT 50);
        END;
        CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT OR IGNORE INTO store_meta (key, value) VALUES ('store_id', lower(hex(randomblob(16))));
        """;

    /// <summary>The connection string for the writer (read-write, creates the file) or for readers.</summary>
    public static string ConnectionString(string databasePath, bool readOnly) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>Opens the writer connection: WAL, synchronous=NORMAL (the <see cref="WalSyncer"/> adds the fsync), the schema.</summary>
    public static SqliteConnection OpenWriter(string databasePath)
    {
        var connection = new SqliteConnection(ConnectionString(databasePath, readOnly: false));
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        // NORMAL still syncs the WAL before each checkpoint and the database after it, so checkpoints lose nothing.
        Execute(connection, "PRAGMA synchronous=NORMAL;");
        // A store to a new owner dirties a random leaf of each owner and hash index: 16 MB of cache (not SQLite's 2 MB)
        // keeps those leaves in memory instead of reading them back, and a checkpoint every 4,000 WAL pages (not
        // 1,000) writes a leaf touched by several batches once. Measured: a quarter fewer bytes written per store.
        Execute(connection, "PRAGMA cache_size=-16384;");
        Execute(connection, "PRAGMA wal_autocheckpoint=4000;");
        // The writer is the only writer; a busy wait would only hide a bug, but readers checkpointing can briefly lock.
        Execute(connection, "PRAGMA busy_timeout=5000;");
        Execute(connection, CreateSql);
        AddOwnerSignatureColumn(connection);
        return connection;
    }

    /// <summary>
    /// Databases made before the owner's store signature was kept gain its column (null for the messages they hold:
    /// those are not passed on to peers in namespaces whose stores are signed, and expire within the TTL limit).
    /// </summary>
    private static void AddOwnerSignatureColumn(SqliteConnection connection)
    {
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT count(*) FROM pragma_table_info('messages') WHERE name = 'owner_sig'";
        if ((long)columns.ExecuteScalar()! == 0)
            Execute(connection, "ALTER TABLE messages ADD COLUMN owner_sig BLOB");
    }

    /// <summary>Runs one statement without results.</summary>
    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
