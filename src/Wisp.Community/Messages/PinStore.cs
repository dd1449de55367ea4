using Wisp.Community.Auth;
using Wisp.Community.Storage;

namespace Wisp.Community.Messages;

/// <summary>Pins and unpins as pysogs's <c>pin</c>, <c>unpin</c> and <c>unpin_all</c>; each pin change adds one to the room's <c>info_updates</c>.</summary>
internal sealed class PinStore(CommunityDatabase database, TimeProvider time)
{
    /// <summary>Pins (or re-pins, moving its time) a message. Returns the room's info_updates after.</summary>
    public Task<long> PinAsync(long room, long message, CommunityUser admin, CancellationToken cancellationToken) =>
        database.WriteAsync(async (_, transaction) =>
        {
            await using (var pin = transaction.Command("""
                INSERT INTO pinned_messages (room, message, pinned_by, pinned_at) VALUES ($room, $message, $admin, $now)
                ON CONFLICT (room, message) DO UPDATE SET pinned_by = $admin, pinned_at = $now
                """, ("$room", room), ("$message", message), ("$admin", admin.Id), ("$now", time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0)))
                await pin.ExecuteNonQueryAsync(cancellationToken);
            return await Messages.RoomCounters.AddInfoUpdatesAsync(transaction, room, 1, cancellationToken);
        }, cancellationToken);

    /// <summary>Unpins one message (<paramref name="message"/>) or all (null). Returns how many, and the room's info_updates after.</summary>
    public Task<(long Unpinned, long InfoUpdates)> UnpinAsync(long room, long? message, CancellationToken cancellationToken) =>
        database.WriteAsync(async (_, transaction) =>
        {
            await using var unpin = message is { } id
                ? transaction.Command("DELETE FROM pinned_messages WHERE room = $room AND message = $message", ("$room", room), ("$message", id))
                : transaction.Command("DELETE FROM pinned_messages WHERE room = $room", ("$room", room));
            var count = await unpin.ExecuteNonQueryAsync(cancellationToken);
            return ((long)count, await Messages.RoomCounters.AddInfoUpdatesAsync(transaction, room, count, cancellationToken));
        }, cancellationToken);
}
