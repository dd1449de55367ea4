using Wisp.Community.Storage;
using Wisp.Protocol.Community;

namespace Wisp.Community.Dms;

/// <summary>
/// The <c>inbox</c> table: direct messages stored as the sender gave them (the server cannot read them), each listed
/// to its recipient (inbox) and its sender (outbox) until it expires.
/// </summary>
internal sealed class DmStore(CommunityDatabase database)
{
    private const string Select = """
        SELECT i.id, i.posted_at, i.expiry, s.session_id, r.session_id, i.body
        FROM inbox i JOIN users s ON s.id = i.sender JOIN users r ON r.id = i.recipient
        """;

    /// <summary>Stores a message from <paramref name="senderId"/> to <paramref name="recipientId"/>; returns it without its body.</summary>
    public Task<DirectMessage> AddAsync(long senderId, long recipientId, byte[] body, double now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (_, transaction) =>
        {
            await using (var insert = transaction.Command(
                "INSERT INTO inbox (recipient, sender, body, posted_at, expiry) VALUES ($recipient, $sender, $body, $now, $expiry)",
                ("$recipient", recipientId), ("$sender", senderId), ("$body", body), ("$now", now), ("$expiry", now + Limits.DmExpirySeconds)))
                await insert.ExecuteNonQueryAsync(cancellationToken);
            await using var read = transaction.Command(Select + " WHERE i.id = last_insert_rowid()");
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new DirectMessage(reader.GetDouble(2), reader.GetInt64(0), null, reader.GetDouble(1), reader.GetString(4), reader.GetString(3));
        }, cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> messages to (or, when <paramref name="outbox"/>, from) the user, oldest first,
    /// after id <paramref name="since"/> when given. pysogs treats <c>since</c> 0 as none.
    /// </summary>
    public async Task<List<DirectMessage>> ListAsync(long userId, bool outbox, long? since, int limit, double now, CancellationToken cancellationToken)
    {
        var column = outbox ? "i.sender" : "i.recipient";
        await using var connection = database.Open();
        await using var command = connection.Command(
            $"{Select} WHERE {column} = $user AND i.id > $since AND i.expiry >= $now ORDER BY i.id LIMIT $limit",
            ("$user", userId), ("$since", since ?? 0), ("$now", now), ("$limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var messages = new List<DirectMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new DirectMessage(reader.GetDouble(2), reader.GetInt64(0), Convert.ToBase64String((byte[])reader.GetValue(5)),
                reader.GetDouble(1), reader.GetString(4), reader.GetString(3)));
        }
        return messages;
    }

    /// <summary>Deletes every message the user received; returns how many.</summary>
    public Task<int> DeleteReceivedAsync(long userId, CancellationToken cancellationToken) =>
        database.WriteAsync(async (_, transaction) =>
        {
            await using var delete = transaction.Command("DELETE FROM inbox WHERE recipient = $user", ("$user", userId));
            return await delete.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>Forgets messages past their expiry; returns how many.</summary>
    public Task<int> SweepAsync(double now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (_, transaction) =>
        {
            await using var delete = transaction.Command("DELETE FROM inbox WHERE expiry < $now", ("$now", now));
            return await delete.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
}
