using Microsoft.Data.Sqlite;
using Wisp.Community.Storage;

namespace Wisp.Community.Moderation;

/// <summary>
/// Bans and unbans, per room and server-wide, inside the caller's write transaction, and the sweep that lifts (or
/// applies) scheduled ones. A ban with a timeout is a ban now plus a row in <c>user_ban_futures</c> that undoes it;
/// a new ban or an unban replaces what was scheduled. Who may ban whom is checked before (<see cref="ModerationRules"/>).
/// </summary>
internal static class BanWrites
{
    /// <summary>Bans the user from the room (taking any moderator rights there), lifting itself after <paramref name="timeout"/> seconds when given.</summary>
    public static async Task BanRoomAsync(SqliteTransaction transaction, long roomId, long userId, double? timeout, double now, CancellationToken cancellationToken)
    {
        await using (var ban = transaction.Command("""
            INSERT INTO user_permission_overrides (room, "user", banned, moderator, admin) VALUES ($room, $user, 1, 0, 0)
            ON CONFLICT (room, "user") DO UPDATE SET banned = 1, moderator = 0, admin = 0
            """, ("$room", roomId), ("$user", userId)))
            await ban.ExecuteNonQueryAsync(cancellationToken);
        await using (var leave = transaction.Command("DELETE FROM room_users WHERE room = $room AND \"user\" = $user", ("$room", roomId), ("$user", userId)))
            await leave.ExecuteNonQueryAsync(cancellationToken);
        await ScheduleUnbanAsync(transaction, roomId, userId, timeout, now, cancellationToken);
    }

    /// <summary>Lifts the user's ban from the room; false when there was none.</summary>
    public static async Task<bool> UnbanRoomAsync(SqliteTransaction transaction, long roomId, long userId, CancellationToken cancellationToken)
    {
        await using (var futures = transaction.Command("DELETE FROM user_ban_futures WHERE room = $room AND \"user\" = $user", ("$room", roomId), ("$user", userId)))
            await futures.ExecuteNonQueryAsync(cancellationToken);
        await using var unban = transaction.Command(
            "UPDATE user_permission_overrides SET banned = 0 WHERE room = $room AND \"user\" = $user AND banned", ("$room", roomId), ("$user", userId));
        return await unban.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Bans the user from the whole server, lifting itself after <paramref name="timeout"/> seconds when given.</summary>
    public static async Task BanGlobalAsync(SqliteTransaction transaction, long userId, double? timeout, double now, CancellationToken cancellationToken)
    {
        await using (var ban = transaction.Command("UPDATE users SET banned = 1 WHERE id = $user", ("$user", userId)))
            await ban.ExecuteNonQueryAsync(cancellationToken);
        await ScheduleUnbanAsync(transaction, null, userId, timeout, now, cancellationToken);
    }

    /// <summary>Lifts the user's server-wide ban (room bans stay).</summary>
    public static async Task UnbanGlobalAsync(SqliteTransaction transaction, long userId, CancellationToken cancellationToken)
    {
        await using (var unban = transaction.Command("UPDATE users SET banned = 0 WHERE id = $user", ("$user", userId)))
            await unban.ExecuteNonQueryAsync(cancellationToken);
        await using var futures = transaction.Command("DELETE FROM user_ban_futures WHERE room IS NULL AND \"user\" = $user", ("$user", userId));
        await futures.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Applies every scheduled ban or unban due at <paramref name="now"/>; returns how many.</summary>
    public static async Task<int> ApplyDueAsync(SqliteTransaction transaction, double now, CancellationToken cancellationToken)
    {
        var due = new List<(long? Room, long User, bool Banned)>();
        await using (var select = transaction.Command("SELECT room, \"user\", banned FROM user_ban_futures WHERE at <= $now ORDER BY at", ("$now", now)))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                due.Add((reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.GetInt64(1), reader.GetBoolean(2)));
        }
        foreach (var (room, user, banned) in due)
        {
            var sql = room is null
                ? "UPDATE users SET banned = $banned WHERE id = $user AND NOT (moderator AND $banned)"
                : """
                  INSERT INTO user_permission_overrides (room, "user", banned) VALUES ($room, $user, $banned)
                  ON CONFLICT (room, "user") DO UPDATE SET banned = excluded.banned WHERE NOT (moderator AND excluded.banned)
                  """;
            await using var apply = transaction.Command(sql, ("$room", room), ("$user", user), ("$banned", banned));
            await apply.ExecuteNonQueryAsync(cancellationToken);
        }
        if (due.Count > 0)
        {
            await using var delete = transaction.Command("DELETE FROM user_ban_futures WHERE at <= $now", ("$now", now));
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        return due.Count;
    }

    // pysogs: `if timeout:` — null and 0 both mean a permanent ban; either way what was scheduled before goes.
    private static async Task ScheduleUnbanAsync(SqliteTransaction transaction, long? roomId, long userId, double? timeout, double now, CancellationToken cancellationToken)
    {
        await using (var clear = transaction.Command(
            roomId is null ? "DELETE FROM user_ban_futures WHERE room IS NULL AND \"user\" = $user" : "DELETE FROM user_ban_futures WHERE room = $room AND \"user\" = $user",
            ("$room", roomId), ("$user", userId)))
            await clear.ExecuteNonQueryAsync(cancellationToken);
        if (timeout is not { } seconds || seconds == 0)
            return;
        await using var schedule = transaction.Command(
            "INSERT INTO user_ban_futures (room, \"user\", banned, at) VALUES ($room, $user, 0, $at)", ("$room", roomId), ("$user", userId), ("$at", now + seconds));
        await schedule.ExecuteNonQueryAsync(cancellationToken);
    }
}
