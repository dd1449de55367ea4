using Microsoft.Data.Sqlite;
using Wisp.Community.Files;
using Wisp.Community.Storage;

namespace Wisp.Community.Moderation;

/// <summary>
/// Deleting every post one user made in a room (pysogs's <c>delete_all_posts</c>), inside the caller's write
/// transaction: each post is deleted as a single deletion is — its content kept in <c>message_history</c>, emptied,
/// given the room's next seqno so pollers learn of it, unpinned, its reactions gone — and the user's uploads to the
/// room expire, except the room's image.
/// </summary>
internal static class PostPurge
{
    /// <summary>Deletes the posts; returns how many there were.</summary>
    public static async Task<int> DeleteAllAsync(SqliteTransaction transaction, long roomId, long posterId, double now, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        await using (var select = transaction.Command(
            "SELECT id FROM messages WHERE room = $room AND \"user\" = $user AND data IS NOT NULL ORDER BY id", ("$room", roomId), ("$user", posterId)))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                ids.Add(reader.GetInt64(0));
        }
        var unpinned = 0;
        foreach (var id in ids)
        {
            await Run(transaction, "UPDATE rooms SET message_sequence = message_sequence + 1 WHERE id = $room", ("$room", roomId));
            await Run(transaction, """
                INSERT INTO message_history (message, replaced, data, signature)
                SELECT id, $now, data, signature FROM messages WHERE id = $id
                """, ("$id", id), ("$now", now));
            await Run(transaction, """
                UPDATE messages SET data = NULL, data_size = NULL, signature = NULL, edited = $now,
                    seqno_data = (SELECT message_sequence FROM rooms WHERE id = $room),
                    seqno = (SELECT message_sequence FROM rooms WHERE id = $room)
                WHERE id = $id
                """, ("$id", id), ("$room", roomId), ("$now", now));
            await Run(transaction, "DELETE FROM user_reactions WHERE reaction IN (SELECT id FROM reactions WHERE message = $id)", ("$id", id));
            await Run(transaction, "DELETE FROM reactions WHERE message = $id", ("$id", id));
            unpinned += await Run(transaction, "DELETE FROM pinned_messages WHERE message = $id", ("$id", id));
        }
        if (unpinned > 0)
            await Run(transaction, "UPDATE rooms SET info_updates = info_updates + 1 WHERE id = $room", ("$room", roomId));
        await RoomFileStore.ExpireUploadsOfAsync(transaction, roomId, posterId, cancellationToken);
        return ids.Count;

        async Task<int> Run(SqliteTransaction t, string sql, params (string, object?)[] parameters)
        {
            await using var command = t.Command(sql, parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
