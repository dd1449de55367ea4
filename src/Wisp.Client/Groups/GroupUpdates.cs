using Wisp.Client.Messaging;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Content;
using Wisp.Protocol.Groups;
using MemberChange = Wisp.Protocol.Content.GroupUpdateMemberChangeMessage.Types.Type;

namespace Wisp.Client.Groups;

/// <summary>
/// Session's group control messages as they arrive: in the group's swarm (a member added, removed, promoted; a member
/// left; an invite answered; a rename), each a system line in the conversation and a change to the member list; and
/// 1:1 (an invite, which becomes a request the account accepts or declines; a promotion, which hands over the group's
/// seed). Admin-signed ones are checked against the group's key; anything that does not verify is dropped.
/// </summary>
internal static class GroupUpdates
{
    /// <summary>Applies an update read from the group's swarm, written by <paramref name="author"/>.</summary>
    public static void Apply(GroupContext context, string groupId, string hash, AccountId author, GroupUpdateMessage update, long sentAtMs)
    {
        var groupKey = GroupIds.PublicKey(groupId);
        var now = context.NowMs();
        if (update.MemberChangeMessage is { } change)
        {
            if (!GroupContent.MemberChangeSigned(groupKey, change, sentAtMs))
                return;
            var members = change.MemberSessionIds.Select(id => AccountId.TryParse(id, out var m, out _) ? m : null).OfType<AccountId>().ToList();
            var names = string.Join(", ", members.Select(context.NameOf));
            switch (change.Type)
            {
                case MemberChange.Added:
                    members.ForEach(m => context.Groups.SetMember(groupId, m, admin: false, GroupMemberState.Invited, now));
                    context.SystemLine(groupId, hash, author, $"{context.NameOf(author)} invited {names}", sentAtMs);
                    break;
                case MemberChange.Removed:
                    members.ForEach(m => context.Groups.SetMember(groupId, m, admin: false, GroupMemberState.Removed, now));
                    context.SystemLine(groupId, hash, author, $"{context.NameOf(author)} removed {names}", sentAtMs);
                    break;
                case MemberChange.Promoted:
                    members.ForEach(m => context.Groups.SetMember(groupId, m, admin: true, GroupMemberState.Joined, now));
                    context.SystemLine(groupId, hash, author, $"{context.NameOf(author)} made {names} an admin", sentAtMs);
                    break;
            }
        }
        else if (update.MemberLeftMessage is not null)
        {
            context.Groups.SetMember(groupId, author, admin: false, GroupMemberState.Removed, now);
            context.SystemLine(groupId, hash, author, $"{context.NameOf(author)} left the group", sentAtMs);
            lock (context.MembersChanged)
            {
                context.MembersChanged.Add(groupId);
                if (!context.Leavers.TryGetValue(groupId, out var leavers))
                    context.Leavers[groupId] = leavers = [];
                leavers.Add(author);
            }
        }
        else if (update.InviteResponse is { IsApproved: true })
        {
            // Read late (after a removal this account already knows of), a join does not bring the member back.
            if (!context.Groups.Members(groupId).Any(m => m.AccountId == author && m.Status == GroupMemberState.Removed))
                context.Groups.SetMember(groupId, author, IsAdmin(context, groupId, author), GroupMemberState.Joined, now);
            context.SystemLine(groupId, hash, author, $"{context.NameOf(author)} joined the group", sentAtMs);
            lock (context.MembersChanged)
                context.MembersChanged.Add(groupId);
        }
        else if (update.InfoChangeMessage is { Type: GroupUpdateInfoChangeMessage.Types.Type.Name, HasUpdatedName: true } info
                 && GroupContent.InfoChangeSigned(groupKey, info, sentAtMs))
        {
            context.Groups.SetInfo(groupId, info.UpdatedName, null, now);
            context.SystemLine(groupId, hash, author, $"{context.NameOf(author)} renamed the group to \"{info.UpdatedName}\"", sentAtMs);
        }
    }

    /// <summary>
    /// Takes a group update that came 1:1 (from the account's own swarm): null when applied, else why it was dropped.
    /// </summary>
    public static string? Direct(GroupContext context, AccountId sender, GroupUpdateMessage update, long sentAtMs)
    {
        var now = context.NowMs();
        if (update.InviteMessage is { } invite)
        {
            if (!GroupIds.IsGroupId(invite.GroupSessionId))
                return $"a group invite from {sender} names no group ID";
            var groupId = invite.GroupSessionId.ToLowerInvariant();
            var groupKey = GroupIds.PublicKey(groupId);
            if (!GroupContent.InviteSigned(groupKey, invite, context.Me.AccountId, sentAtMs)
                || !GroupSubaccount.Verify(groupKey, context.Me, invite.MemberAuthData.Span))
                return $"a group invite from {sender} does not carry the group's signature";
            if (context.Groups.Find(groupId) is { Role: GroupRole.Admin or GroupRole.Member })
                return null; // already in it: a repeated invite changes nothing
            var name = invite.Name.Length == 0 ? "(unnamed group)" : invite.Name;
            context.Groups.Upsert(groupId, name, GroupRole.Invited, [], invite.MemberAuthData.Span, sender, now);
            context.Groups.SetMember(groupId, sender, admin: true, GroupMemberState.Joined, now);
            context.Groups.SetMember(groupId, context.Me.AccountId, admin: false, GroupMemberState.Invited, now);
            context.Messages.Conversation(groupId, now, "request");
            context.Messages.SetState(groupId, "request");
            context.SystemLine(groupId, "", sender, $"{context.NameOf(sender)} invited you to \"{name}\"", sentAtMs);
            return null;
        }
        if (update.PromoteMessage is { } promote)
        {
            if (promote.GroupIdentitySeed.Length != Ed25519KeyPair.SeedBytes)
                return $"a group promotion from {sender} carries no seed";
            using var group = Ed25519KeyPair.FromSeed(promote.GroupIdentitySeed.Span);
            var groupId = GroupIds.Of(group.PublicKey);
            if (context.Groups.Find(groupId) is not { Role: GroupRole.Admin or GroupRole.Member or GroupRole.Invited })
                return $"a promotion from {sender} for a group this account is not in";
            context.Groups.SetAdminSeed(groupId, group.Seed, now);
            context.Groups.SetMember(groupId, context.Me.AccountId, admin: true, GroupMemberState.Joined, now);
            context.Messages.SetState(groupId, "accepted");
            return null; // the line "… made you an admin" comes with the member-change message in the group's swarm
        }
        return $"a group message from {sender} of a kind that comes through the group's swarm, not 1:1";
    }

    private static bool IsAdmin(GroupContext context, string groupId, AccountId member) =>
        context.Groups.Members(groupId).Any(m => m.AccountId == member && m.Admin);
}
