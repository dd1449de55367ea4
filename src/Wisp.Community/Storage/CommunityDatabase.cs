using Microsoft.Data.Sqlite;

namespace Wisp.Community.Storage;

/// <summary>
/// The server's SQLite database (<c>community.db</c>): a pooled connection per operation (WAL, so reads run beside
/// the writer), and one write lock, since SQLite has one writer and a seqno bump must not interleave with another.
/// Brought to the newest schema at open by <see cref="Migrations"/>.
/// </summary>
internal sealed class CommunityDatabase : IDisposable
{
    /// <summary>The file's name in the data directory.</summary>
    public const string FileName = "community.db";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _write = new(1, 1);

    public CommunityDatabase(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, ForeignKeys = true }.ToString();
        using var connection = Open();
        using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
            pragmas.ExecuteNonQuery();
        }
        Migrations.Apply(connection);
    }

    /// <summary>A connection for reading (or for a write that needs no other write beside it).</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 5000;";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one immediate transaction under the write lock, committing when it returns.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken);
        try
        {
            await using var connection = Open();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            _write.Release();
        }
    }

    public void Dispose()
    {
        _write.Dispose();
        SqliteConnection.ClearAllPools();
    }
}

/// <summary>Small helpers so a query reads as one line.</summary>
internal static class SqliteCommands
{
    /// <summary>A command on <paramref name="connection"/> with <paramref name="sql"/> and named parameters (<c>$name</c>).</summary>
    public static SqliteCommand Command(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>As the connection overload, inside <paramref name="transaction"/>.</summary>
    public static SqliteCommand Command(this SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = transaction.Connection!.Command(sql, parameters);
        command.Transaction = transaction;
        return command;
    }
}
