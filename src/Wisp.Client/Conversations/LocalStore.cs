using Microsoft.Data.Sqlite;
using Wisp.Client.LocalData;

namespace Wisp.Client.Conversations;

/// <summary>
/// The one connection to an account's <see cref="ClientDatabase"/> that every store of <see cref="AccountData"/> shares,
/// with the lock around it and the data key of its encrypted columns. The lock is re-entrant, so a store may call
/// another inside its own work (a message arriving creates a conversation in the same transaction). Several processes
/// may open the same profile: SQLite's WAL and busy timeout order them.
/// </summary>
internal sealed class LocalStore(ClientDatabase database, DataKey key)
{
    private readonly SqliteConnection _connection = database.Connection;
    private SqliteTransaction? _transaction;

    /// <summary>The lock every store takes around its statements.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The key of the encrypted columns.</summary>
    public DataKey Key { get; } = key;

    /// <summary>A command that joins the open transaction, if any. Call under <see cref="Gate"/>.</summary>
    public SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>Runs a statement; returns the rows it changed. Call under <see cref="Gate"/>.</summary>
    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row, or null. Call under <see cref="Gate"/>.</summary>
    public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar() is var value && value is not DBNull ? value : null;
    }

    /// <summary>
    /// Begins a transaction that the commands join until it is committed or disposed; inside one already, joins it (the
    /// outer one commits). Call under <see cref="Gate"/>.
    /// </summary>
    public Transaction Begin()
    {
        if (_transaction is not null)
            return new Transaction(this, owner: false);
        _transaction = _connection.BeginTransaction();
        return new Transaction(this, owner: true);
    }

    /// <summary>A transaction scope: <see cref="Commit"/> to keep what was done; disposing without it rolls back.</summary>
    public readonly struct Transaction(LocalStore store, bool owner) : IDisposable
    {
        public void Commit()
        {
            if (!owner)
                return;
            store._transaction!.Commit();
            Dispose();
        }

        public void Dispose()
        {
            if (!owner)
                return;
            store._transaction?.Dispose();
            store._transaction = null;
        }
    }
}
