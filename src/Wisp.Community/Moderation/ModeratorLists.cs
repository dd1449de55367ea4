using Wisp.Community.Storage;

namespace Wisp.Community.Moderation;

/// <summary>
/// A room's moderators and admins as room info lists them (pysogs's <c>get_mods</c>): each in exactly one list,
/// sorted by Session ID. A room listing overrides the global one for visibility; rights are the greater of the two.
/// </summary>
/// <param name="Moderators">Visible moderators that are not admins.</param>
/// <param name="Admins">Visible admins.</param>
/// <param name="HiddenModerators">Hidden moderators; empty unless the viewer is a moderator.</param>
/// <param name="HiddenAdmins">Hidden admins; empty unless the viewer is a moderator.</param>
internal sealed record ModeratorLists(
    IReadOnlyList<string> Moderators, IReadOnlyList<string> Admins, IReadOnlyList<string> HiddenModerators, IReadOnlyList<string> HiddenAdmins)
{
    /// <summary>The lists of room <paramref name="roomId"/>; hidden ones only when <paramref name="viewerIsModerator"/>.</summary>
    public static async Task<ModeratorLists> ReadAsync(CommunityDatabase database, long roomId, bool viewerIsModerator, CancellationToken cancellationToken)
    {
        List<string> moderators = [], admins = [], hiddenModerators = [], hiddenAdmins = [];
        await using var connection = database.Open();
        await using var command = connection.Command("""
            SELECT u.session_id,
                   CASE WHEN o.moderator THEN o.visible_mod ELSE u.visible_mod END,
                   COALESCE(o.moderator AND o.admin, 0) OR u.admin
            FROM users u LEFT JOIN user_permission_overrides o ON o."user" = u.id AND o.room = $room
            WHERE u.moderator OR COALESCE(o.moderator, 0)
            ORDER BY u.session_id
            """, ("$room", roomId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (id, visible, admin) = (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2));
            if (!visible && !viewerIsModerator)
                continue;
            (visible ? admin ? admins : moderators : admin ? hiddenAdmins : hiddenModerators).Add(id);
        }
        return new ModeratorLists(moderators, admins, hiddenModerators, hiddenAdmins);
    }
}
