using Microsoft.Data.Sqlite;

namespace Wisp.Node.Storage;

/// <summary>
/// What a write operation sees while the writer runs it inside the batch's transaction: the connection's prepared
/// commands, the counts so far (committed plus this batch) and the storage cap.
/// </summary>
internal sealed class WriteBatchContext(SqliteConnection connection, MessageStoreCounters counters, long storageCapBytes)
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The open transaction of the current batch.</summary>
    public SqliteTransaction? Transaction { get; set; }

    /// <summary>Changes made by the current batch so far (not yet committed).</summary>
    public WriteDeltas Deltas;

    /// <summary>True when storing <paramref name="bytes"/> more would pass the storage cap.</summary>
    public bool WouldExceedCap(long bytes) => counters.DataBytes + Deltas.DataBytes + bytes > storageCapBytes;

    /// <summary>A command for <paramref name="sql"/>, prepared once per writer and reused, bound to the batch's transaction.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }
        command.Transaction = Transaction;
        command.Parameters.Clear();
        return command;
    }

    /// <summary>
    /// Begins, releases or rolls back the savepoint around one operation. The statements are prepared once, like the
    /// operations' own: <see cref="SqliteTransaction.Save"/> would parse its SQL again for every operation.
    /// </summary>
    public void Savepoint(SavepointStep step) => Command(step switch
    {
        SavepointStep.Begin => "SAVEPOINT op",
        SavepointStep.Release => "RELEASE op",
        _ => "ROLLBACK TO op",
    }).ExecuteNonQuery();

    /// <summary>Records rows removed (by owner request or expiry) in the batch's deltas.</summary>
    public void Removed(IReadOnlyList<(string Hash, long Bytes)> rows, bool expired)
    {
        long bytes = 0;
        foreach (var row in rows) bytes += row.Bytes;
        Deltas.Messages -= rows.Count;
        Deltas.DataBytes -= bytes;
        if (expired) Deltas.Expired += rows.Count;
        else Deltas.Deleted += rows.Count;
    }

    /// <summary>Runs a DELETE … RETURNING hash, length(data) and collects the rows.</summary>
    public static List<(string Hash, long Bytes)> ReadDeleted(SqliteCommand command)
    {
        var rows = new List<(string, long)>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetInt64(1)));
        return rows;
    }

    /// <summary>Disposes the prepared commands.</summary>
    public void DisposeCommands()
    {
        foreach (var command in _commands.Values) command.Dispose();
        _commands.Clear();
    }
}

/// <summary>The steps of the savepoint that wraps each write operation.</summary>
internal enum SavepointStep
{
    /// <summary><c>SAVEPOINT</c>.</summary>
    Begin,

    /// <summary><c>RELEASE</c>: keeps the operation's changes in the batch.</summary>
    Release,

    /// <summary><c>ROLLBACK TO</c>: undoes just the operation (the savepoint stays open until released).</summary>
    Rollback,
}
