using Microsoft.Data.Sqlite;
using Wisp.Community.Storage;

namespace Wisp.Community.Messages;

/// <summary>
/// The room counters pysogs moves in triggers, moved here inside the caller's write transaction:
/// <c>message_sequence</c> (+1 per post, edit, deletion and reaction added or removed) and <c>info_updates</c>
/// (+1 per pin change; S2 bumps it for moderator changes).
/// </summary>
internal static class RoomCounters
{
    /// <summary>Adds one to the room's message sequence and returns the new value.</summary>
    public static async Task<long> NextSeqnoAsync(SqliteTransaction transaction, long room, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(
            "UPDATE rooms SET message_sequence = message_sequence + 1 WHERE id = $room RETURNING message_sequence", ("$room", room));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Adds <paramref name="count"/> to the room's info updates and returns the new value.</summary>
    public static async Task<long> AddInfoUpdatesAsync(SqliteTransaction transaction, long room, long count, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(
            "UPDATE rooms SET info_updates = info_updates + $count WHERE id = $room RETURNING info_updates", ("$room", room), ("$count", count));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Sets a message's reaction seqno to <paramref name="seqno"/> and its seqno to the larger of its two.</summary>
    public static async Task MarkReactionsAsync(SqliteTransaction transaction, long message, long seqno, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(
            "UPDATE messages SET seqno_reactions = $seqno, seqno = max(seqno_data, $seqno) WHERE id = $id", ("$seqno", seqno), ("$id", message));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Sets a message's data seqno to <paramref name="seqno"/> and its seqno to the larger of its two.</summary>
    public static async Task MarkDataAsync(SqliteTransaction transaction, long message, long seqno, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(
            "UPDATE messages SET seqno_data = $seqno, seqno = max($seqno, seqno_reactions) WHERE id = $id", ("$seqno", seqno), ("$id", message));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
