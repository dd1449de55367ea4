using Microsoft.Data.Sqlite;
using Wisp.Community.Files;
using Wisp.Community.Messages;
using Wisp.Community.Storage;

namespace Wisp.Community.Moderation;

/// <summary>
/// Deleting every post one user made in a room (pysogs's <c>delete_all_posts</c>), inside the caller's write
/// transaction: each post is deleted as a single deletion is (<see cref="MessageWriter.DeleteOneAsync"/>: history kept,
/// emptied, new seqnos, unpinned, reactions gone), and the user's uploads to the room expire, except the room's image.
/// </summary>
internal static class PostPurge
{
    /// <summary>Deletes the posts; returns how many there were.</summary>
    public static async Task<int> DeleteAllAsync(MessageWriter writer, SqliteTransaction transaction, long roomId, long posterId, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        await using (var select = transaction.Command(
            "SELECT id FROM messages WHERE room = $room AND \"user\" = $user AND data IS NOT NULL ORDER BY id", ("$room", roomId), ("$user", posterId)))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                ids.Add(reader.GetInt64(0));
        }
        foreach (var id in ids)
            await writer.DeleteOneAsync(transaction, roomId, id, cancellationToken);
        await RoomFileStore.ExpireUploadsOfAsync(transaction, roomId, posterId, cancellationToken);
        return ids.Count;
    }
}
