using Wisp.Community.Auth;
using Wisp.Community.Storage;

namespace Wisp.Community.Rooms;

/// <summary>
/// Reads what a user may do in a room (<see cref="RoomPermissions"/>) from <c>users</c>,
/// <c>user_permission_overrides</c> and the room's defaults, as pysogs's <c>user_permissions</c> view does. S2's
/// moderation writes those tables; every route reads rights only through here.
/// </summary>
internal sealed class PermissionStore(CommunityDatabase database)
{
    /// <summary>The rights of <paramref name="user"/> (null: anonymous, the room's defaults) in <paramref name="room"/>.</summary>
    public async Task<RoomPermissions> ForAsync(Room room, CommunityUser? user, CancellationToken cancellationToken)
    {
        if (user is null)
            return new RoomPermissions(false, room.DefaultRead, room.DefaultAccessible, room.DefaultWrite, room.DefaultUpload, false, false);
        await using var connection = database.Open();
        await using var command = connection.Command("""
            SELECT u.banned, u.moderator, u.admin, o.banned, o.read, o.accessible, o.write, o.upload, o.moderator, o.admin
            FROM users u LEFT JOIN user_permission_overrides o ON o."user" = u.id AND o.room = $room
            WHERE u.id = $user
            """, ("$room", room.Id), ("$user", user.Id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return new RoomPermissions(false, room.DefaultRead, room.DefaultAccessible, room.DefaultWrite, room.DefaultUpload, false, false);
        bool? Override(int column) => reader.IsDBNull(column) ? null : reader.GetBoolean(column);
        var globalMod = reader.GetBoolean(1);
        var globalAdmin = reader.GetBoolean(2);
        var banned = reader.GetBoolean(0) || (Override(3) ?? false);
        var moderator = globalMod || (Override(8) ?? false);
        var admin = globalAdmin || (Override(9) ?? false);
        return new RoomPermissions(
            Banned: banned,
            Read: globalMod || (Override(4) ?? room.DefaultRead),
            Accessible: globalMod || (Override(5) ?? room.DefaultAccessible),
            Write: globalMod || (Override(6) ?? room.DefaultWrite),
            Upload: globalMod || (Override(7) ?? room.DefaultUpload),
            Moderator: moderator || admin,
            Admin: admin);
    }
}
