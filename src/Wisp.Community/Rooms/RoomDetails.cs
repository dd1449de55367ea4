using Wisp.Community.Api;
using Wisp.Community.Auth;
using Wisp.Community.Storage;
using Wisp.Protocol.Community;

namespace Wisp.Community.Rooms;

/// <summary>
/// Builds a room's details for one user, as pysogs's <c>get_room_info</c>: moderators and admins split into public
/// and hidden (hidden ones only for moderators; a room-level moderator's visibility beats the global one), pinned
/// messages, the user's rights, and the moderator-only fields. Also records room activity (pysogs's
/// <c>update_room_activity</c>), from which <c>active_users</c> is counted.
/// </summary>
internal static class RoomDetails
{
    /// <summary>The length of the <c>active_users</c> period (7 days, seconds): pysogs's default cutoff.</summary>
    public const long ActiveUsersCutoffSeconds = 7 * 24 * 60 * 60;

    public static async Task<RoomInfo> BuildAsync(CommunityServices services, Room room, CommunityUser? user, CancellationToken cancellationToken)
    {
        var permissions = await services.Permissions.ForAsync(room, user, cancellationToken);
        List<string> mods = [], admins = [], hiddenMods = [], hiddenAdmins = [];
        List<PinnedMessage> pinned = [];
        long activeUsers;
        await using (var connection = services.Database.Open())
        {
            await using (var command = connection.Command("""
                SELECT u.session_id, MAX(m.visible) & 1, MAX(m.admin) FROM (
                    SELECT "user", CASE WHEN visible_mod THEN 3 ELSE 2 END AS visible, admin
                        FROM user_permission_overrides WHERE room = $room AND (moderator OR admin)
                    UNION ALL
                    SELECT id, CASE WHEN visible_mod THEN 1 ELSE 0 END, admin FROM users WHERE moderator OR admin
                ) m JOIN users u ON u.id = m."user"
                GROUP BY m."user" ORDER BY u.session_id
                """, ("$room", room.Id)))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var (id, visible, admin) = (reader.GetString(0), reader.GetInt64(1) != 0, reader.GetInt64(2) != 0);
                    if (!visible && !permissions.Moderator)
                        continue;
                    (visible ? admin ? admins : mods : admin ? hiddenAdmins : hiddenMods).Add(id);
                }
            }
            await using (var command = connection.Command("""
                SELECT p.message, p.pinned_at, u.session_id FROM pinned_messages p JOIN users u ON u.id = p.pinned_by
                WHERE p.room = $room ORDER BY p.pinned_at
                """, ("$room", room.Id)))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                    pinned.Add(new PinnedMessage(reader.GetInt64(0), reader.GetDouble(1), reader.GetString(2)));
            }
            activeUsers = await ActiveUsersAsync(services, connection, room, cancellationToken);
        }
        return new RoomInfo(room.Token, room.Name, room.InfoUpdates, room.MessageSequence, room.Created, activeUsers, ActiveUsersCutoffSeconds,
            mods, admins, permissions.CanRead, permissions.CanWrite, permissions.CanUpload)
        {
            Description = room.Description,
            ImageId = room.ImageId,
            PinnedMessages = pinned.Count > 0 ? pinned : null,
            HiddenModerators = hiddenMods.Count > 0 ? hiddenMods : null,
            HiddenAdmins = hiddenAdmins.Count > 0 ? hiddenAdmins : null,
            Moderator = permissions.Moderator ? true : null,
            DefaultRead = permissions.Moderator ? room.DefaultRead : null,
            DefaultAccessible = permissions.Moderator ? room.DefaultAccessible : null,
            DefaultWrite = permissions.Moderator ? room.DefaultWrite : null,
            DefaultUpload = permissions.Moderator ? room.DefaultUpload : null,
            Admin = permissions.Admin ? true : null,
            GlobalModerator = user is { Moderator: true } || user is { Admin: true } ? true : null,
            GlobalAdmin = user is { Admin: true } ? true : null,
        };
    }

    /// <summary>Users who polled or read the room in the last <see cref="ActiveUsersCutoffSeconds"/>.</summary>
    public static async Task<long> ActiveUsersAsync(CommunityServices services, Microsoft.Data.Sqlite.SqliteConnection connection, Room room, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT COUNT(*) FROM room_users WHERE room = $room AND last_active >= $since",
            ("$room", room.Id), ("$since", services.Now() - ActiveUsersCutoffSeconds));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Records that <paramref name="user"/> was active in <paramref name="room"/> now.</summary>
    public static async Task TouchAsync(CommunityServices services, Room room, CommunityUser? user, CancellationToken cancellationToken)
    {
        if (user is null)
            return;
        await using var connection = services.Database.Open();
        await using var command = connection.Command("""
            INSERT INTO room_users (room, "user", last_active) VALUES ($room, $user, $now)
            ON CONFLICT (room, "user") DO UPDATE SET last_active = $now
            """, ("$room", room.Id), ("$user", user.Id), ("$now", services.Now()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
