using Microsoft.Data.Sqlite;

namespace Wisp.Node.Storage;

/// <summary>
/// The SQL of the <c>tombstones</c> table: one row (owner, namespace, hash, expiry) per message an owner deleted, kept
/// until the message would have expired. Delete paths record them in the delete's own transaction; the replication
/// insert path (<see cref="WriteOperations.StoreMany"/>) skips tombstoned messages; a client's fresh store clears one.
/// </summary>
/// <remarks>
/// A message row and its tombstone never exist together: a delete removes the row as it records the tombstone, a
/// replicated copy is refused while the tombstone exists, and the one insert that is let through (a client's store)
/// clears it. So the reads that serve <c>sync</c> and <c>fetch</c> need no tombstone check: a tombstoned message has
/// no row to offer. A delete that names a hash this node does not hold leaves no tombstone (the namespace and
/// expiry it would need are unknown here).
/// </remarks>
internal static class Tombstones
{
    /// <summary>
    /// Records a tombstone for every message matching <paramref name="where"/> (a condition on <c>messages</c>, bound
    /// by <paramref name="bind"/>); run it before the DELETE with the same condition. A tombstone already there keeps
    /// the later expiry.
    /// </summary>
    public static void RecordWhere(WriteBatchContext context, string where, Action<SqliteCommand> bind)
    {
        // The WHERE of the SELECT also keeps SQLite from reading ON CONFLICT as a join constraint.
        var command = context.Command(
            "INSERT INTO tombstones (hash, owner, namespace, expiry) SELECT hash, owner, namespace, expiry FROM messages WHERE "
            + where + " ON CONFLICT DO UPDATE SET expiry = max(tombstones.expiry, excluded.expiry)");
        bind(command);
        command.ExecuteNonQuery();
    }

    /// <summary>True when (owner, namespace, hash) of <paramref name="message"/> was deleted here and its tombstone is still kept.</summary>
    public static bool Has(WriteBatchContext context, StoredMessage message)
    {
        var command = context.Command("SELECT 1 FROM tombstones WHERE hash = $hash AND owner = $owner AND namespace = $ns");
        Bind(command, message);
        return command.ExecuteScalar() is not null;
    }

    /// <summary>Removes the tombstone of (owner, namespace, hash) of <paramref name="message"/>, if any.</summary>
    public static void Clear(WriteBatchContext context, StoredMessage message)
    {
        var command = context.Command("DELETE FROM tombstones WHERE hash = $hash AND owner = $owner AND namespace = $ns");
        Bind(command, message);
        command.ExecuteNonQuery();
    }

    private static void Bind(SqliteCommand command, StoredMessage message)
    {
        command.Parameters.AddWithValue("$hash", message.Hash);
        command.Parameters.AddWithValue("$owner", message.Owner);
        command.Parameters.AddWithValue("$ns", message.Namespace);
    }
}
