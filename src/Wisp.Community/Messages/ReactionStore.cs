using Microsoft.Data.Sqlite;
using Wisp.Community.Auth;
using Wisp.Community.Storage;
using Wisp.Protocol.Community;

namespace Wisp.Community.Messages;

/// <summary>
/// Adds and removes reactions as pysogs's <c>add_reaction</c>, <c>delete_reaction</c>, <c>delete_all_reactions</c>
/// and <c>get_reactors</c>: only on a room's regular messages (live, not filtered, not a whisper); each reaction added
/// or removed moves the room's sequence and the message's seqno.
/// </summary>
internal sealed class ReactionStore(CommunityDatabase database, TimeProvider time)
{
    /// <summary>Whether <paramref name="id"/> is a live, unfiltered, non-whisper message of the room.</summary>
    public async Task<bool> IsRegularMessageAsync(long room, long id, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.Command("""
            SELECT COUNT(*) FROM messages WHERE room = $room AND id = $id AND data IS NOT NULL
                AND NOT filtered AND whisper IS NULL AND NOT whisper_mods
            """, ("$room", room), ("$id", id));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    /// <summary>Adds the user's reaction; false when it was already there. Returns the message's seqno after.</summary>
    public Task<(bool Added, long Seqno)> AddAsync(long room, long message, string reaction, CommunityUser user, CancellationToken cancellationToken) =>
        database.WriteAsync(async (_, transaction) =>
        {
            await using (var insert = transaction.Command(
                "INSERT INTO reactions (message, reaction) VALUES ($message, $reaction) ON CONFLICT (message, reaction) DO NOTHING",
                ("$message", message), ("$reaction", reaction)))
                await insert.ExecuteNonQueryAsync(cancellationToken);
            await using var react = transaction.Command("""
                INSERT INTO user_reactions (reaction, "user", at)
                VALUES ((SELECT id FROM reactions WHERE message = $message AND reaction = $reaction), $user, $at)
                ON CONFLICT (reaction, "user") DO NOTHING
                """, ("$message", message), ("$reaction", reaction), ("$user", user.Id), ("$at", time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0));
            var added = await react.ExecuteNonQueryAsync(cancellationToken) == 1;
            if (added)
                await RoomCounters.MarkReactionsAsync(transaction, message, await RoomCounters.NextSeqnoAsync(transaction, room, cancellationToken), cancellationToken);
            return (added, await SeqnoAsync(transaction, message, cancellationToken));
        }, cancellationToken);

    /// <summary>Removes the user's reaction; false when there was none. Returns the message's seqno after.</summary>
    public Task<(bool Removed, long Seqno)> RemoveAsync(long room, long message, string reaction, CommunityUser user, CancellationToken cancellationToken) =>
        database.WriteAsync(async (_, transaction) =>
        {
            var removed = await RemoveWhereAsync(transaction, room, message, "r.reaction = $reaction AND ur.\"user\" = $user",
                cancellationToken, ("$reaction", reaction), ("$user", user.Id));
            return (removed > 0, await SeqnoAsync(transaction, message, cancellationToken));
        }, cancellationToken);

    /// <summary>A moderator removes every reaction (or every <paramref name="reaction"/>) on a message. Returns how many, and the seqno after.</summary>
    public Task<(long Removed, long Seqno)> ClearAsync(long room, long message, string? reaction, CancellationToken cancellationToken) =>
        database.WriteAsync(async (_, transaction) =>
        {
            var removed = reaction is null
                ? await RemoveWhereAsync(transaction, room, message, "1", cancellationToken)
                : await RemoveWhereAsync(transaction, room, message, "r.reaction = $reaction", cancellationToken, ("$reaction", reaction));
            return (removed, await SeqnoAsync(transaction, message, cancellationToken));
        }, cancellationToken);

    /// <summary>Who reacted so, oldest first, at most <paramref name="limit"/> (null: all).</summary>
    public async Task<List<Reactor>> ReactorsAsync(long message, string reaction, long? limit, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.Command($"""
            SELECT u.session_id, ur.at FROM user_reactions ur JOIN reactions r ON r.id = ur.reaction JOIN users u ON u.id = ur."user"
            WHERE r.message = $message AND r.reaction = $reaction ORDER BY ur.at{(limit is > 0 ? " LIMIT $limit" : "")}
            """, ("$message", message), ("$reaction", reaction), ("$limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var reactors = new List<Reactor>();
        while (await reader.ReadAsync(cancellationToken))
            reactors.Add(new Reactor(reader.GetString(0), reader.GetDouble(1)));
        return reactors;
    }

    private static async Task<long> RemoveWhereAsync(
        SqliteTransaction transaction, long room, long message, string condition, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var delete = transaction.Command($"""
            DELETE FROM user_reactions WHERE rowid IN (
                SELECT ur.rowid FROM user_reactions ur JOIN reactions r ON r.id = ur.reaction WHERE r.message = $message AND {condition})
            """, [("$message", message), .. parameters]);
        var removed = await delete.ExecuteNonQueryAsync(cancellationToken);
        long seqno = 0;
        for (var i = 0; i < removed; i++)
            seqno = await RoomCounters.NextSeqnoAsync(transaction, room, cancellationToken);
        if (removed > 0)
            await RoomCounters.MarkReactionsAsync(transaction, message, seqno, cancellationToken);
        await using (var empty = transaction.Command(
            "DELETE FROM reactions WHERE message = $message AND NOT EXISTS (SELECT 1 FROM user_reactions WHERE reaction = reactions.id)",
            ("$message", message)))
            await empty.ExecuteNonQueryAsync(cancellationToken);
        return removed;
    }

    private static async Task<long> SeqnoAsync(SqliteTransaction transaction, long message, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command("SELECT seqno FROM messages WHERE id = $id", ("$id", message));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
