using Wisp.Community.Auth;
using Wisp.Community.Rooms;
using Wisp.Community.Storage;
using Wisp.Protocol.Community;

namespace Wisp.Community.Messages;

/// <summary>What became of an edit or deletion.</summary>
internal enum WriteOutcome
{
    Done,
    NoSuchPost,
    NotAllowed,
    RateLimited,
}

/// <summary>
/// Posts, edits and deletes messages as pysogs's <c>add_post</c>, <c>edit_post</c> and <c>delete_posts</c>: the data
/// is stored without Session's padding (and the padded length), an edit or deletion keeps the old data in
/// <c>message_history</c>, a deletion clears data and signature, drops the message's reactions and pin, and each
/// change moves the seqnos as pysogs's triggers do.
/// </summary>
internal sealed class MessageWriter(CommunityDatabase database, TimeProvider time)
{
    private double Now() => time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>Stores a post; null when the poster is over the rate limit.</summary>
    public Task<CommunityMessage?> PostAsync(
        Room room, CommunityUser user, bool rateLimited, byte[] data, byte[] signature, CommunityUser? whisperTo, bool whisperMods,
        CancellationToken cancellationToken) =>
        database.WriteAsync<CommunityMessage?>(async (_, transaction) =>
        {
            var now = Now();
            if (rateLimited)
            {
                await using var recent = transaction.Command(
                    "SELECT COUNT(*) FROM messages WHERE room = $room AND \"user\" = $user AND posted >= $since",
                    ("$room", room.Id), ("$user", user.Id), ("$since", now - Limits.PostRateIntervalSeconds));
                if ((long)(await recent.ExecuteScalarAsync(cancellationToken))! >= Limits.PostRateCount)
                    return null;
            }
            var seqno = await RoomCounters.NextSeqnoAsync(transaction, room.Id, cancellationToken);
            await using var insert = transaction.Command("""
                INSERT INTO messages (room, "user", posted, seqno, seqno_data, seqno_creation, data, data_size, signature, whisper, whisper_mods)
                VALUES ($room, $user, $now, $seqno, $seqno, $seqno, $data, $size, $signature, $whisper, $mods) RETURNING id
                """, ("$room", room.Id), ("$user", user.Id), ("$now", now), ("$seqno", seqno), ("$data", SessionPadding.Remove(data)),
                ("$size", data.Length), ("$signature", signature), ("$whisper", whisperTo?.Id), ("$mods", whisperMods));
            var id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            return new CommunityMessage(id, seqno)
            {
                SessionId = user.SessionId,
                Posted = now,
                Data = data,
                Signature = signature,
                Whisper = whisperTo is not null || whisperMods,
                WhisperMods = whisperMods,
                WhisperTo = whisperTo?.SessionId,
                Reactions = new Dictionary<string, ReactionInfo>(),
            };
        }, cancellationToken);

    /// <summary>Replaces the data of the user's own live message.</summary>
    public Task<WriteOutcome> EditAsync(Room room, CommunityUser user, long id, byte[] data, byte[] signature, CancellationToken cancellationToken) =>
        database.WriteAsync(async (_, transaction) =>
        {
            await using (var author = transaction.Command("SELECT \"user\" FROM messages WHERE id = $id AND room = $room AND data IS NOT NULL",
                ("$id", id), ("$room", room.Id)))
            {
                var found = await author.ExecuteScalarAsync(cancellationToken);
                if (found is null)
                    return WriteOutcome.NoSuchPost;
                if ((long)found != user.Id)
                    return WriteOutcome.NotAllowed;
            }
            await KeepHistoryAsync(transaction, id, cancellationToken);
            var seqno = await RoomCounters.NextSeqnoAsync(transaction, room.Id, cancellationToken);
            await using (var update = transaction.Command(
                "UPDATE messages SET data = $data, data_size = $size, signature = $signature, edited = $now WHERE id = $id",
                ("$data", SessionPadding.Remove(data)), ("$size", data.Length), ("$signature", signature), ("$now", Now()), ("$id", id)))
                await update.ExecuteNonQueryAsync(cancellationToken);
            await RoomCounters.MarkDataAsync(transaction, id, seqno, cancellationToken);
            return WriteOutcome.Done;
        }, cancellationToken);

    /// <summary>
    /// Deletes live messages of the room among <paramref name="ids"/>; all or none: a deleter who is not a moderator
    /// may delete only their own. Returns the ids deleted, or null when not allowed.
    /// </summary>
    public Task<List<long>?> DeleteAsync(Room room, CommunityUser deleter, bool moderator, IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        database.WriteAsync<List<long>?>(async (_, transaction) =>
        {
            var live = new List<(long Id, long User)>();
            await using (var select = transaction.Command(
                $"SELECT id, \"user\" FROM messages WHERE room = $room AND data IS NOT NULL AND id IN ({string.Join(',', ids)})", ("$room", room.Id)))
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                    live.Add((reader.GetInt64(0), reader.GetInt64(1)));
            }
            if (!moderator && live.Any(message => message.User != deleter.Id))
                return null;
            foreach (var (id, _) in live)
                await DeleteOneAsync(transaction, room.Id, id, cancellationToken);
            return live.Select(message => message.Id).ToList();
        }, cancellationToken);

    /// <summary>Deletes one live message inside <paramref name="transaction"/> (S2's delete-all-from-user uses this too).</summary>
    public async Task DeleteOneAsync(Microsoft.Data.Sqlite.SqliteTransaction transaction, long room, long id, CancellationToken cancellationToken)
    {
        await KeepHistoryAsync(transaction, id, cancellationToken);
        var seqno = await RoomCounters.NextSeqnoAsync(transaction, room, cancellationToken);
        await using (var clear = transaction.Command(
            "UPDATE messages SET data = NULL, data_size = NULL, signature = NULL, edited = $now WHERE id = $id", ("$now", Now()), ("$id", id)))
            await clear.ExecuteNonQueryAsync(cancellationToken);
        await RoomCounters.MarkDataAsync(transaction, id, seqno, cancellationToken);
        // As pysogs: each reaction removed moves the sequence, so pollers see the message's reactions go.
        await using (var count = transaction.Command(
            "SELECT COUNT(*) FROM user_reactions WHERE reaction IN (SELECT id FROM reactions WHERE message = $id)", ("$id", id)))
        {
            var reactions = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
            for (var i = 0; i < reactions; i++)
                seqno = await RoomCounters.NextSeqnoAsync(transaction, room, cancellationToken);
            if (reactions > 0)
                await RoomCounters.MarkReactionsAsync(transaction, id, seqno, cancellationToken);
        }
        await using (var reactions = transaction.Command("DELETE FROM reactions WHERE message = $id", ("$id", id)))
            await reactions.ExecuteNonQueryAsync(cancellationToken);
        await using var unpin = transaction.Command("DELETE FROM pinned_messages WHERE message = $id", ("$id", id));
        if (await unpin.ExecuteNonQueryAsync(cancellationToken) > 0)
            await RoomCounters.AddInfoUpdatesAsync(transaction, room, 1, cancellationToken);
    }

    private async Task KeepHistoryAsync(Microsoft.Data.Sqlite.SqliteTransaction transaction, long id, CancellationToken cancellationToken)
    {
        await using var history = transaction.Command(
            "INSERT INTO message_history (message, replaced, data, signature) SELECT id, $now, data, signature FROM messages WHERE id = $id",
            ("$now", Now()), ("$id", id));
        await history.ExecuteNonQueryAsync(cancellationToken);
    }
}
