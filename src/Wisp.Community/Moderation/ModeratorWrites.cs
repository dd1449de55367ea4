using Microsoft.Data.Sqlite;
using Wisp.Community.Storage;

namespace Wisp.Community.Moderation;

/// <summary>
/// Appointing and removing moderators and admins, per room and server-wide, inside the caller's write transaction
/// (so a change to several rooms is all or nothing). Who may do it is checked before, by the route or the admin
/// command; the triggers of <see cref="ModerationSchema"/> keep admin ⇒ moderator and bump <c>info_updates</c>.
/// </summary>
internal static class ModeratorWrites
{
    /// <summary>
    /// Makes the user a moderator of the room, or an admin when <paramref name="admin"/> is true (false demotes an
    /// admin, null leaves admin as it was), listed publicly when <paramref name="visible"/>. pysogs's <c>set_moderator</c>.
    /// </summary>
    public static async Task SetRoomAsync(SqliteTransaction transaction, long roomId, long userId, bool? admin, bool visible, CancellationToken cancellationToken)
    {
        var sql = admin is null
            ? """
              INSERT INTO user_permission_overrides (room, "user", moderator, visible_mod) VALUES ($room, $user, 1, $visible)
              ON CONFLICT (room, "user") DO UPDATE SET moderator = excluded.moderator, visible_mod = excluded.visible_mod
              """
            : """
              INSERT INTO user_permission_overrides (room, "user", moderator, admin, visible_mod) VALUES ($room, $user, 1, $admin, $visible)
              ON CONFLICT (room, "user") DO UPDATE SET moderator = excluded.moderator, admin = excluded.admin, visible_mod = excluded.visible_mod
              """;
        await using var command = transaction.Command(sql, ("$room", roomId), ("$user", userId), ("$admin", admin ?? false), ("$visible", visible));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Takes admin rights (and moderator rights too unless <paramref name="adminOnly"/>) in the room away.</summary>
    public static async Task RemoveRoomAsync(SqliteTransaction transaction, long roomId, long userId, bool adminOnly, CancellationToken cancellationToken)
    {
        var sql = adminOnly
            ? "UPDATE user_permission_overrides SET admin = 0 WHERE room = $room AND \"user\" = $user"
            : "UPDATE user_permission_overrides SET admin = 0, moderator = 0, visible_mod = 1 WHERE room = $room AND \"user\" = $user";
        await using var command = transaction.Command(sql, ("$room", roomId), ("$user", userId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Makes the user a moderator of every room (admin as <paramref name="admin"/> says; null leaves it), listed
    /// publicly when <paramref name="visible"/>. A global ban is lifted first: nobody is banned and a moderator at once.
    /// </summary>
    public static async Task SetGlobalAsync(SqliteTransaction transaction, long userId, bool? admin, bool visible, CancellationToken cancellationToken)
    {
        var sql = admin is null
            ? "UPDATE users SET banned = 0, moderator = 1, visible_mod = $visible WHERE id = $user"
            : "UPDATE users SET banned = 0, moderator = 1, visible_mod = $visible, admin = $admin WHERE id = $user";
        await using var command = transaction.Command(sql, ("$user", userId), ("$admin", admin ?? false), ("$visible", visible));
        await command.ExecuteNonQueryAsync(cancellationToken);
        await using var futures = transaction.Command("DELETE FROM user_ban_futures WHERE room IS NULL AND \"user\" = $user", ("$user", userId));
        await futures.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Takes global admin rights (and global moderator rights too unless <paramref name="adminOnly"/>) away.</summary>
    public static async Task RemoveGlobalAsync(SqliteTransaction transaction, long userId, bool adminOnly, CancellationToken cancellationToken)
    {
        var sql = adminOnly
            ? "UPDATE users SET admin = 0 WHERE id = $user"
            : "UPDATE users SET admin = 0, moderator = 0 WHERE id = $user";
        await using var command = transaction.Command(sql, ("$user", userId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every room's token and <c>info_updates</c>, or only those of <paramref name="roomIds"/>.</summary>
    public static async Task<SortedDictionary<string, long>> InfoUpdatesAsync(SqliteTransaction transaction, IReadOnlyCollection<long>? roomIds, CancellationToken cancellationToken)
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using var command = transaction.Command("SELECT id, token, info_updates FROM rooms");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (roomIds is null || roomIds.Contains(reader.GetInt64(0)))
                result[reader.GetString(1)] = reader.GetInt64(2);
        }
        return result;
    }
}
