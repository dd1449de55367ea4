using Microsoft.Data.Sqlite;

namespace Wisp.Node.Storage;

/// <summary>The reads and the bulk write that replication, catch-up and migration use (semantics: <see cref="IMessageStore"/>).</summary>
public sealed partial class SqliteMessageStore
{
    /// <inheritdoc />
    public Task<MessagePage> ReadPageAsync(
        long afterId, int maxCount, long maxBytes, Func<string, bool> ownerFilter, long nowMs, bool includeData,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ownerFilter);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = OpenReader();
        using var select = connection.CreateCommand();
        // Data and the owner's signature are the last columns and read only for rows taken, so skipped rows cost no blob reads.
        select.CommandText = """
            SELECT id, owner, namespace, hash, timestamp, expiry, length(data), data, owner_sig FROM messages
            WHERE id > $after ORDER BY id LIMIT $scan
            """;
        select.Parameters.AddWithValue("$after", afterId);
        select.Parameters.AddWithValue("$scan", MessagePage.MaxScannedRows);

        var messages = new List<PagedMessage>();
        var count = Math.Max(maxCount, 1);
        long bytes = 0;
        var next = afterId;
        var scanned = 0;
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            var owner = reader.GetString(1);
            var expiry = reader.GetInt64(5);
            if (expiry <= nowMs || !ownerFilter(owner))
            {
                next = id;
                scanned++;
                continue;
            }
            var length = includeData ? reader.GetInt64(6) : 0;
            if (messages.Count >= count || (messages.Count > 0 && bytes + length > maxBytes))
                return Task.FromResult(new MessagePage(messages, next, More: true));
            var data = includeData ? (byte[])reader.GetValue(7) : [];
            var ownerSignature = includeData && !reader.IsDBNull(8) ? (byte[])reader.GetValue(8) : null;
            messages.Add(new PagedMessage(id, new StoredMessage(
                owner, reader.GetInt32(2), reader.GetString(3), data, reader.GetInt64(4), expiry, ownerSignature)));
            bytes += length;
            next = id;
            scanned++;
        }
        return Task.FromResult(new MessagePage(messages, next, More: scanned >= MessagePage.MaxScannedRows));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PagedMessage>> ReadByIdsAsync(IReadOnlyCollection<long> ids, long nowMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = OpenReader();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT owner, namespace, hash, data, timestamp, expiry, owner_sig FROM messages WHERE id = $id AND expiry > $now";
        var idParameter = select.Parameters.Add("$id", SqliteType.Integer);
        select.Parameters.AddWithValue("$now", nowMs);
        var found = new List<PagedMessage>(ids.Count);
        foreach (var id in ids.Distinct().Order())
        {
            idParameter.Value = id;
            using var reader = select.ExecuteReader();
            if (reader.Read())
                found.Add(new PagedMessage(id, ReadMessage(reader)));
        }
        return Task.FromResult<IReadOnlyList<PagedMessage>>(found);
    }

    /// <inheritdoc />
    public Task<bool[]> ContainsAsync(IReadOnlyList<MessageKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = OpenReader();
        using var select = KeyLookup(connection, "SELECT 1");
        var held = new bool[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            Bind(select, keys[i]);
            held[i] = select.ExecuteScalar() is not null;
        }
        return Task.FromResult(held);
    }

    /// <inheritdoc />
    public Task<StoredMessage?> FindAsync(MessageKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = OpenReader();
        using var select = KeyLookup(connection, "SELECT owner, namespace, hash, data, timestamp, expiry, owner_sig");
        Bind(select, key);
        using var reader = select.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadMessage(reader) : null);
    }

    /// <inheritdoc />
    public Task<long> LastIdAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = OpenReader();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT coalesce(max(id), 0) FROM messages";
        return Task.FromResult((long)select.ExecuteScalar()!);
    }

    /// <inheritdoc />
    public Task<BulkStoreResult> StoreManyAsync(IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return messages.Count == 0
            ? Task.FromResult(default(BulkStoreResult))
            : StoreManyAndSignalAsync(messages, cancellationToken);
    }

    private async Task<BulkStoreResult> StoreManyAndSignalAsync(IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken)
    {
        var result = await _writer.EnqueueAsync(new WriteOperations.StoreMany(messages), cancellationToken).ConfigureAwait(false);
        // The result counts but does not name the new ones; waking a waiter for a copy it already has costs one read.
        if (result.Stored > 0)
        {
            foreach (var (owner, ns) in messages.Select(m => (m.Owner, m.Namespace)).Distinct())
                Arrivals.Signal(owner, ns);
        }
        return result;
    }

    private static SqliteCommand KeyLookup(SqliteConnection connection, string select)
    {
        var command = connection.CreateCommand();
        command.CommandText = select + " FROM messages WHERE owner = $owner AND namespace = $ns AND hash = $hash";
        command.Parameters.Add("$owner", SqliteType.Text);
        command.Parameters.Add("$ns", SqliteType.Integer);
        command.Parameters.Add("$hash", SqliteType.Text);
        return command;
    }

    private static void Bind(SqliteCommand command, MessageKey key)
    {
        command.Parameters["$owner"].Value = key.Owner;
        command.Parameters["$ns"].Value = key.Namespace;
        command.Parameters["$hash"].Value = key.Hash;
    }

    private static StoredMessage ReadMessage(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetInt32(1), reader.GetString(2), (byte[])reader.GetValue(3), reader.GetInt64(4), reader.GetInt64(5),
        reader.IsDBNull(6) ? null : (byte[])reader.GetValue(6));
}
