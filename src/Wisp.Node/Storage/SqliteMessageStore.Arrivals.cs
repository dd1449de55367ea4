namespace Wisp.Node.Storage;

/// <summary>One stored message as the monitor stream reads it: its row id (the node's arrival cursor) and metadata.</summary>
internal readonly record struct ArrivalRow(long Id, string Owner, int Namespace, string Hash, long TimestampMs, long ExpiryMs, long DataLength);

public sealed partial class SqliteMessageStore
{
    /// <summary>
    /// The arrival cursor now: the highest row id ever handed out (AUTOINCREMENT's sequence, so a deleted last row does
    /// not lower it and an id is never reused), 0 for an empty database.
    /// </summary>
    internal long ArrivalCursor()
    {
        using var reader = _readers.Rent();
        var select = reader.Command("""
            SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'messages'), 0),
                       coalesce((SELECT max(id) FROM messages), 0))
            """);
        return (long)select.ExecuteScalar()!;
    }

    /// <summary>Up to <paramref name="limit"/> committed messages with row id above <paramref name="afterId"/>, in id order.</summary>
    internal List<ArrivalRow> ReadArrivalsAfter(long afterId, int limit)
    {
        using var reader = _readers.Rent();
        var select = reader.Command(
            "SELECT id, owner, namespace, hash, timestamp, expiry, length(data) FROM messages WHERE id > $after ORDER BY id LIMIT $limit",
            "$after", "$limit");
        select.Parameters[0].Value = afterId;
        select.Parameters[1].Value = limit;
        return ReadRows(select);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> unexpired messages of (<paramref name="owner"/>, <paramref name="ns"/>) with row id
    /// in (<paramref name="afterId"/>, <paramref name="upToId"/>], in id order (the (owner, namespace, id) index).
    /// </summary>
    internal List<ArrivalRow> ReadAccountArrivals(string owner, int ns, long afterId, long upToId, long nowMs, int limit)
    {
        using var reader = _readers.Rent();
        var select = reader.Command("""
            SELECT id, owner, namespace, hash, timestamp, expiry, length(data) FROM messages
            WHERE owner = $owner AND namespace = $ns AND id > $after AND id <= $upto AND expiry > $now
            ORDER BY id LIMIT $limit
            """, "$owner", "$ns", "$after", "$upto", "$now", "$limit");
        select.Parameters[0].Value = owner;
        select.Parameters[1].Value = ns;
        select.Parameters[2].Value = afterId;
        select.Parameters[3].Value = upToId;
        select.Parameters[4].Value = nowMs;
        select.Parameters[5].Value = limit;
        return ReadRows(select);
    }

    /// <summary>The data of the message with row id <paramref name="id"/>; null when it is gone (deleted, expired and swept).</summary>
    internal byte[]? ReadArrivalData(long id)
    {
        using var reader = _readers.Rent();
        var select = reader.Command("SELECT data FROM messages WHERE id = $id", "$id");
        select.Parameters[0].Value = id;
        return select.ExecuteScalar() as byte[];
    }

    private static List<ArrivalRow> ReadRows(Microsoft.Data.Sqlite.SqliteCommand select)
    {
        var rows = new List<ArrivalRow>();
        using var result = select.ExecuteReader();
        while (result.Read())
        {
            rows.Add(new ArrivalRow(
                result.GetInt64(0), result.GetString(1), result.GetInt32(2), result.GetString(3), result.GetInt64(4),
                result.GetInt64(5), result.GetInt64(6)));
        }
        return rows;
    }
}
