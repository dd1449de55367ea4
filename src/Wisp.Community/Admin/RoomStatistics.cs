using Wisp.Community.Moderation;
using Wisp.Community.Rooms;
using Wisp.Community.Storage;

namespace Wisp.Community.Admin;

/// <summary>A room's counts, moderators and bans for the administrator (pysogs's <c>print_room</c>).</summary>
internal static class RoomStatistics
{
    public static async Task<RoomSummary> SummarizeAsync(CommunityDatabase database, Room room, string joinUrl, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        async Task<long> Count(string sql)
        {
            await using var command = connection.Command(sql, ("$room", room.Id));
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        var messages = await Count("SELECT COUNT(*) FROM messages WHERE room = $room AND data IS NOT NULL");
        var files = await Count("SELECT COUNT(*) FROM files WHERE room = $room");
        var fileBytes = await Count("SELECT COALESCE(SUM(size), 0) FROM files WHERE room = $room");
        var banned = new List<string>();
        await using (var command = connection.Command("""
            SELECT u.session_id FROM user_permission_overrides o JOIN users u ON u.id = o."user"
            WHERE o.room = $room AND o.banned ORDER BY u.session_id
            """, ("$room", room.Id)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                banned.Add(reader.GetString(0));
        }
        var mods = await ModeratorLists.ReadAsync(database, room.Id, viewerIsModerator: true, cancellationToken);
        return new RoomSummary(room.Token, room.Name, room.Description, joinUrl, room.Created, messages, files, fileBytes, room.ActiveUsers,
            room.DefaultRead, room.DefaultWrite, room.DefaultUpload, room.DefaultAccessible,
            mods.Admins, mods.Moderators, mods.HiddenAdmins, mods.HiddenModerators, banned);
    }
}
