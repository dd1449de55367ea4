using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Wisp.Node.Storage;

/// <summary>
/// Open read-only connections that keep their prepared statements between uses. Opening a pooled
/// <see cref="SqliteConnection"/> is cheap, but its commands are parsed again every time; a retrieve runs two small
/// queries, so keeping them prepared saves a parse per query on the hottest read.
/// </summary>
/// <remarks>At most <see cref="MaxIdle"/> readers are kept; a reader beyond that is closed when returned. A reader
/// outside a transaction sees every transaction committed before its next statement starts.</remarks>
internal sealed class ReaderPool(string connectionString) : IDisposable
{
    /// <summary>Idle readers kept open: more than the requests that read at once on a small node.</summary>
    private const int MaxIdle = 32;

    private readonly ConcurrentBag<PooledReader> _idle = [];
    private int _disposed;

    /// <summary>A reader for this caller alone until it is disposed (which returns it).</summary>
    public PooledReader Rent()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_idle.TryTake(out var reader))
            return reader;
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return new PooledReader(this, connection);
    }

    internal void Return(PooledReader reader)
    {
        if (Volatile.Read(ref _disposed) == 0 && _idle.Count < MaxIdle)
        {
            _idle.Add(reader);
            return;
        }
        reader.Close();
    }

    /// <summary>Closes the idle readers; rented ones close when returned.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        while (_idle.TryTake(out var reader)) reader.Close();
    }
}

/// <summary>One read-only connection with its prepared commands, rented from a <see cref="ReaderPool"/>.</summary>
internal sealed class PooledReader(ReaderPool pool, SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The command for <paramref name="sql"/>, prepared on first use; set its parameters' values before running it.</summary>
    /// <param name="sql">The statement; always a constant, so the cache holds a few entries.</param>
    /// <param name="parameters">The parameter names, created on first use.</param>
    public SqliteCommand Command(string sql, params ReadOnlySpan<string> parameters)
    {
        if (_commands.TryGetValue(sql, out var command))
            return command;
        command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        _commands.Add(sql, command);
        return command;
    }

    /// <summary>Returns the reader to its pool.</summary>
    public void Dispose() => pool.Return(this);

    internal void Close()
    {
        foreach (var command in _commands.Values) command.Dispose();
        connection.Dispose();
    }
}
