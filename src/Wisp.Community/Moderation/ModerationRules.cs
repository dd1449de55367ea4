using Wisp.Community.Api;
using Wisp.Community.Auth;
using Wisp.Community.Rooms;

namespace Wisp.Community.Moderation;

/// <summary>Who may ban or purge whom in a room, as pysogs's <c>Room.ban_user</c> and <c>delete_all_posts</c> decide.</summary>
internal static class ModerationRules
{
    /// <summary>
    /// A moderator may ban anyone but themselves and global moderators; banning a room moderator or admin takes an
    /// admin (who must first remove a global moderator's rights to ban them).
    /// </summary>
    public static async Task<bool> MayBanAsync(CommunityServices services, Room room, CommunityUser moderator, CommunityUser target, CancellationToken cancellationToken)
    {
        var mine = await services.Permissions.ForAsync(room, moderator, cancellationToken);
        if (!mine.Moderator || target.Id == moderator.Id || target.Moderator)
            return false;
        var theirs = await services.Permissions.ForAsync(room, target, cancellationToken);
        return !theirs.Moderator || mine.Admin;
    }

    /// <summary>Anyone may delete all their own posts; a moderator anyone's but an admin's, which takes an admin.</summary>
    public static async Task<bool> MayPurgeAsync(CommunityServices services, Room room, CommunityUser deleter, CommunityUser poster, CancellationToken cancellationToken)
    {
        var mine = await services.Permissions.ForAsync(room, deleter, cancellationToken);
        if (poster.Id != deleter.Id && !mine.Moderator)
            return false;
        var theirs = await services.Permissions.ForAsync(room, poster, cancellationToken);
        return !theirs.Admin || mine.Admin;
    }
}
