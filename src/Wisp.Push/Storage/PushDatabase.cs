using Microsoft.Data.Sqlite;

namespace Wisp.Push.Storage;

/// <summary>
/// The push server's SQLite database (WAL): subscriptions, the nodes' stream cursors, de-duplication marks, the
/// delivery queue and its dead letters. One connection behind one lock: every statement is short, and a notification's
/// queue rows, marks and cursor commit together in one transaction, so a restart neither loses nor repeats one.
/// </summary>
internal sealed class PushDatabase : IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        PRAGMA foreign_keys = ON;
        CREATE TABLE IF NOT EXISTS subscriptions (
            id INTEGER PRIMARY KEY,
            account BLOB NOT NULL,
            session_ed25519 BLOB,
            subaccount_tag BLOB,
            subaccount_sig BLOB,
            signature BLOB NOT NULL,
            sig_ts INTEGER NOT NULL,
            want_data INTEGER NOT NULL,
            enc_key BLOB NOT NULL,
            namespaces TEXT NOT NULL,
            service TEXT NOT NULL,
            service_id TEXT NOT NULL,
            service_data TEXT,
            UNIQUE (account, service, service_id));
        CREATE INDEX IF NOT EXISTS subscriptions_sig_ts ON subscriptions (sig_ts);
        CREATE TABLE IF NOT EXISTS cursors (
            node BLOB PRIMARY KEY,
            store TEXT NOT NULL,
            cursor INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS notified (
            mark BLOB PRIMARY KEY,
            expires INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS notified_expires ON notified (expires);
        CREATE TABLE IF NOT EXISTS deliveries (
            id INTEGER PRIMARY KEY,
            subscription INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
            hash TEXT NOT NULL,
            payload BLOB NOT NULL,
            expiry INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt INTEGER NOT NULL,
            last_error TEXT);
        CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (next_attempt);
        CREATE INDEX IF NOT EXISTS deliveries_subscription ON deliveries (subscription);
        CREATE TABLE IF NOT EXISTS dead_letters (
            id INTEGER PRIMARY KEY,
            account TEXT NOT NULL,
            service TEXT NOT NULL,
            service_id TEXT NOT NULL,
            hash TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            last_error TEXT NOT NULL,
            failed_at INTEGER NOT NULL);
        """;

    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    public PushDatabase(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs <paramref name="work"/> alone on the connection (in a transaction when <paramref name="transaction"/>).</summary>
    public T Run<T>(Func<SqliteConnection, SqliteTransaction?, T> work, bool transaction = false)
    {
        lock (_lock)
        {
            if (!transaction)
                return work(_connection, null);
            using var tx = _connection.BeginTransaction();
            var result = work(_connection, tx);
            tx.Commit();
            return result;
        }
    }

    /// <summary>A command on the connection with <paramref name="sql"/> and its parameters (name, value) in order.</summary>
    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public void Dispose()
    {
        _connection.Dispose();
    }
}
