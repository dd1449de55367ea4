using Microsoft.Data.Sqlite;

namespace Wisp.Node.Storage;

/// <summary>The store's mutating operations, each run by the group-commit writer (semantics: <see cref="IMessageStore"/>).</summary>
internal static class WriteOperations
{
    /// <summary>Stores a client's message, or raises the expiry of the one already there.</summary>
    /// <remarks>
    /// A client's own store of a hash it deleted before is a fresh store, not a stale copy: it is stored and its
    /// tombstone cleared, so that replication carries the new copy to the other members again. (Only the owner, or a
    /// sender to a public inbox, can send the same bytes again; either way it is a new, authorised request, and refusing
    /// it would make a resend after a delete fail for no reason the client could see.)
    /// </remarks>
    internal sealed class Store(StoredMessage message, bool replaceNamespace) : WriteOperation<StoreResult>
    {
        protected override StoreResult Run(WriteBatchContext context)
        {
            var result = Apply(context, message, replaceNamespace);
            if (result.Outcome == StoreOutcome.Stored)
                Tombstones.Clear(context, message);
            return result;
        }

        /// <summary>The store's SQL, shared with <see cref="StoreMany"/>.</summary>
        public static StoreResult Apply(WriteBatchContext context, StoredMessage message, bool replaceNamespace)
        {
            if (replaceNamespace)
            {
                var replace = context.Command(
                    "DELETE FROM messages WHERE owner = $owner AND namespace = $ns AND hash <> $hash RETURNING hash, length(data)");
                replace.Parameters.AddWithValue("$owner", message.Owner);
                replace.Parameters.AddWithValue("$ns", message.Namespace);
                replace.Parameters.AddWithValue("$hash", message.Hash);
                context.Removed(WriteBatchContext.ReadDeleted(replace), expired: false);
            }

            // A new message (the usual case) costs one statement: the insert, skipped by the unique index when the
            // message is already there; only then is its expiry raised. Over the cap, only the raise may happen.
            var fits = !context.WouldExceedCap(message.Data.Length);
            if (fits)
            {
                var insert = context.Command(
                    "INSERT INTO messages (owner, namespace, hash, data, timestamp, expiry, owner_sig) VALUES ($owner, $ns, $hash, $data, $timestamp, $expiry, $owner_sig) ON CONFLICT DO NOTHING");
                insert.Parameters.AddWithValue("$owner", message.Owner);
                insert.Parameters.AddWithValue("$ns", message.Namespace);
                insert.Parameters.AddWithValue("$hash", message.Hash);
                insert.Parameters.AddWithValue("$data", message.Data);
                insert.Parameters.AddWithValue("$timestamp", message.TimestampMs);
                insert.Parameters.AddWithValue("$expiry", message.ExpiryMs);
                insert.Parameters.AddWithValue("$owner_sig", (object?)message.OwnerSignature ?? DBNull.Value);
                if (insert.ExecuteNonQuery() == 1)
                {
                    context.Deltas.Messages++;
                    context.Deltas.DataBytes += message.Data.Length;
                    context.Deltas.Stored++;
                    context.Deltas.StoredBytes += message.Data.Length;
                    return new StoreResult(StoreOutcome.Stored, message.ExpiryMs);
                }
            }

            var extend = context.Command(
                "UPDATE messages SET expiry = max(expiry, $expiry) WHERE owner = $owner AND namespace = $ns AND hash = $hash RETURNING expiry");
            extend.Parameters.AddWithValue("$expiry", message.ExpiryMs);
            extend.Parameters.AddWithValue("$owner", message.Owner);
            extend.Parameters.AddWithValue("$ns", message.Namespace);
            extend.Parameters.AddWithValue("$hash", message.Hash);
            if (extend.ExecuteScalar() is long existingExpiry)
                return new StoreResult(StoreOutcome.AlreadyStored, existingExpiry);
            // Skipped by a uniqueness the update does not see: not a state the schema allows; fail the operation alone.
            if (fits)
                throw new InvalidOperationException("A store was skipped as a duplicate, yet no such message is held.");
            context.Deltas.RejectedFull++;
            return new StoreResult(StoreOutcome.Full, 0);
        }
    }

    /// <summary>
    /// Stores messages from other nodes as they are, each as <see cref="Store"/> without namespace replacement, except
    /// those with a tombstone here: a copy of a message an owner deleted, read before the delete or held by a member
    /// that missed it, is skipped, so catch-up and migration cannot bring it back.
    /// </summary>
    internal sealed class StoreMany(IReadOnlyList<StoredMessage> messages) : WriteOperation<BulkStoreResult>
    {
        protected override BulkStoreResult Run(WriteBatchContext context)
        {
            int stored = 0, already = 0, full = 0, deleted = 0;
            foreach (var message in messages)
            {
                if (Tombstones.Has(context, message))
                {
                    deleted++;
                    continue;
                }
                var outcome = Store.Apply(context, message, replaceNamespace: false).Outcome;
                if (outcome == StoreOutcome.Stored) stored++;
                else if (outcome == StoreOutcome.AlreadyStored) already++;
                else full++;
            }
            return new BulkStoreResult(stored, already, full, deleted);
        }
    }

    /// <summary>Deletes named messages of an owner in any namespace, leaving a tombstone for each.</summary>
    internal sealed class Delete(string owner, IReadOnlyCollection<string> hashes) : WriteOperation<IReadOnlyList<string>>
    {
        protected override IReadOnlyList<string> Run(WriteBatchContext context)
        {
            // Two statements for the whole list (bound as one JSON array), not two per hash: the (hash, owner) index
            // serves each name either way, and a piece of the writer's time goes to rows, not to statement overhead.
            const string where = "hash IN (SELECT value FROM json_each($hashes)) AND owner = $owner";
            var names = JsonArray(hashes.Distinct(StringComparer.Ordinal));
            void Bind(SqliteCommand command)
            {
                command.Parameters.AddWithValue("$hashes", names);
                command.Parameters.AddWithValue("$owner", owner);
            }
            Tombstones.RecordWhere(context, where, Bind);
            var command = context.Command("DELETE FROM messages WHERE " + where + " RETURNING hash, length(data)");
            Bind(command);
            var deleted = WriteBatchContext.ReadDeleted(command);
            context.Removed(deleted, expired: false);
            return SortedHashes(deleted);
        }
    }

    /// <summary>
    /// One piece of a delete_all or delete_before: of the owner's messages in one namespace within <paramref name="window"/>,
    /// deletes those with timestamp ≤ <paramref name="beforeMs"/> (Session's inclusive rule; all when null), leaving
    /// tombstones.
    /// </summary>
    internal sealed class DeleteWhere(string owner, int @namespace, long? beforeMs, IdWindow window) : WriteOperation<WindowResult>
    {
        protected override WindowResult Run(WriteBatchContext context)
        {
            var ids = window.Read(context, owner, @namespace);
            if (ids.Count == 0)
                return WindowResult.Done;
            var where = "id IN (SELECT value FROM json_each($ids))" + (beforeMs is null ? "" : " AND timestamp <= $before");
            void Bind(SqliteCommand command)
            {
                command.Parameters.AddWithValue("$ids", IdWindow.Json(ids));
                if (beforeMs is { } before) command.Parameters.AddWithValue("$before", before);
            }
            Tombstones.RecordWhere(context, where, Bind);
            var command = context.Command("DELETE FROM messages WHERE " + where + " RETURNING hash, length(data)");
            Bind(command);
            var deleted = WriteBatchContext.ReadDeleted(command);
            context.Removed(deleted, expired: false);
            return window.Next(ids, [.. deleted.Select(row => new NamespacedHash(@namespace, row.Hash))]);
        }
    }

    /// <summary>
    /// Moves the expiry of named messages, as the mode allows: Set updates every message found, ShortenOnly those that
    /// expire later, ExtendOnly those that expire earlier (Session's <c>update_expiry</c>).
    /// </summary>
    internal sealed class Expire(string owner, IReadOnlyList<ExpiryTarget> targets, ExpireMode mode)
        : WriteOperation<IReadOnlyDictionary<string, ExpiryChange>>
    {
        protected override IReadOnlyDictionary<string, ExpiryChange> Run(WriteBatchContext context)
        {
            var changes = new Dictionary<string, ExpiryChange>(StringComparer.Ordinal);
            foreach (var (hash, expiryMs) in targets)
            {
                var select = context.Command("SELECT id, expiry FROM messages WHERE hash = $hash AND owner = $owner");
                select.Parameters.AddWithValue("$hash", hash);
                select.Parameters.AddWithValue("$owner", owner);
                var rows = new List<(long Id, long Expiry)>();
                using (var reader = select.ExecuteReader())
                {
                    while (reader.Read()) rows.Add((reader.GetInt64(0), reader.GetInt64(1)));
                }
                foreach (var (id, current) in rows)
                {
                    var update = mode switch
                    {
                        ExpireMode.ShortenOnly => current > expiryMs,
                        ExpireMode.ExtendOnly => current < expiryMs,
                        _ => true,
                    };
                    if (update && current != expiryMs)
                    {
                        var command = context.Command("UPDATE messages SET expiry = $expiry WHERE id = $id");
                        command.Parameters.AddWithValue("$expiry", expiryMs);
                        command.Parameters.AddWithValue("$id", id);
                        command.ExecuteNonQuery();
                    }
                    changes[hash] = new ExpiryChange(update ? expiryMs : current, update);
                }
            }
            return changes;
        }
    }

    /// <summary>
    /// One piece of an expire_all: of the owner's messages in one namespace within <paramref name="window"/>, shortens
    /// those that expire later than <paramref name="expiryMs"/> to it.
    /// </summary>
    internal sealed class ExpireAll(string owner, int @namespace, long expiryMs, IdWindow window) : WriteOperation<WindowResult>
    {
        protected override WindowResult Run(WriteBatchContext context)
        {
            var ids = window.Read(context, owner, @namespace);
            if (ids.Count == 0)
                return WindowResult.Done;
            var command = context.Command(
                "UPDATE messages SET expiry = $expiry WHERE id IN (SELECT value FROM json_each($ids)) AND expiry > $expiry RETURNING hash");
            command.Parameters.AddWithValue("$expiry", expiryMs);
            command.Parameters.AddWithValue("$ids", IdWindow.Json(ids));
            var changed = new List<NamespacedHash>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read()) changed.Add(new NamespacedHash(@namespace, reader.GetString(0)));
            }
            return window.Next(ids, changed);
        }
    }

    /// <summary>Deletes up to <paramref name="limit"/> messages expired at a time (the sweeper repeats it).</summary>
    internal sealed class DeleteExpired(long nowMs, int limit) : WriteOperation<int>
    {
        protected override int Run(WriteBatchContext context)
        {
            var command = context.Command(
                "DELETE FROM messages WHERE id IN (SELECT id FROM messages WHERE expiry <= $now LIMIT $limit) RETURNING hash, length(data)");
            command.Parameters.AddWithValue("$now", nowMs);
            command.Parameters.AddWithValue("$limit", limit);
            var deleted = WriteBatchContext.ReadDeleted(command);
            context.Removed(deleted, expired: true);
            return deleted.Count;
        }
    }

    /// <summary>Deletes up to <paramref name="limit"/> tombstones expired at a time: their messages would be gone by now anyway.</summary>
    internal sealed class DeleteExpiredTombstones(long nowMs, int limit) : WriteOperation<int>
    {
        protected override int Run(WriteBatchContext context)
        {
            var command = context.Command("""
                DELETE FROM tombstones WHERE (hash, owner, namespace) IN
                    (SELECT hash, owner, namespace FROM tombstones WHERE expiry <= $now LIMIT $limit)
                """);
            command.Parameters.AddWithValue("$now", nowMs);
            command.Parameters.AddWithValue("$limit", limit);
            return command.ExecuteNonQuery();
        }
    }

    /// <summary><paramref name="values"/> as a JSON array of strings, bound as one parameter and read with <c>json_each</c>.</summary>
    private static string JsonArray(IEnumerable<string> values)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values) writer.WriteStringValue(value);
            writer.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static List<string> SortedHashes(List<(string Hash, long Bytes)> rows)
    {
        var hashes = rows.Select(row => row.Hash).Distinct(StringComparer.Ordinal).ToList();
        hashes.Sort(StringComparer.Ordinal);
        return hashes;
    }
}
