using Microsoft.Data.Sqlite;

namespace Wisp.Client.LocalData;

/// <summary>
/// An account's local database (<c>client.db</c> in its profile directory): SQLite in WAL mode, schema from
/// <see cref="ClientSchema"/> brought up to date on open. Secret values in it are <see cref="EncryptedColumn"/>s.
/// One instance holds one connection; it is not for use from several threads at once.
/// </summary>
internal sealed class ClientDatabase : IDisposable
{
    private ClientDatabase(SqliteConnection connection, string path)
    {
        Connection = connection;
        Path = path;
    }

    /// <summary>The open connection, for the code that reads and writes the tables.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The schema version the database is at (after migrating, <see cref="ClientSchema.CurrentVersion"/>).</summary>
    public int SchemaVersion => ReadVersion(Connection);

    /// <summary>
    /// Opens (creating it with mode 0600 if missing) and migrates the database at <paramref name="path"/>. Throws
    /// <see cref="ClientDatabaseException"/> when the file is not a database or was written by a newer Wisp.
    /// </summary>
    public static ClientDatabase Open(string path)
    {
        if (!File.Exists(path))
            PrivateFiles.CreateEmptyFile(path); // SQLite would create it 0644; its -wal and -shm files copy this mode.

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            // No pooling: closing must really close the file, so that the WAL is checkpointed and the profile
            // directory can be moved or deleted.
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL;");
            Execute(connection, "PRAGMA synchronous=FULL;");
            Execute(connection, "PRAGMA foreign_keys=ON;");
            Execute(connection, "PRAGMA busy_timeout=5000;");
            Migrate(connection);
            return new ClientDatabase(connection, path);
        }
        catch (SqliteException exception)
        {
            connection.Dispose();
            throw new ClientDatabaseException($"{path} is not a readable Wisp database ({exception.Message}).", exception);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Migrate(SqliteConnection connection)
    {
        Execute(connection, "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL);");
        var version = ReadVersion(connection);
        if (version > ClientSchema.CurrentVersion)
            throw new ClientDatabaseException(
                $"the database is at schema version {version}, newer than this Wisp knows ({ClientSchema.CurrentVersion}); use a newer Wisp.");

        foreach (var migration in ClientSchema.Migrations.Where(m => m.Version > version))
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, migration.Sql, transaction);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO migrations (version, name) VALUES ($version, $name);";
            record.Parameters.AddWithValue("$version", migration.Version);
            record.Parameters.AddWithValue("$name", migration.Name);
            record.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private static int ReadVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM migrations;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Closes the connection (checkpointing the WAL into the database file).</summary>
    public void Dispose() => Connection.Dispose();
}

/// <summary>The client database cannot be used: not a database, damaged, or from a newer Wisp.</summary>
public sealed class ClientDatabaseException(string message, Exception? inner = null) : Exception(message, inner);
