using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Content;
using Wisp.Protocol.Groups;
using Wisp.Protocol.Storage;
using MemberChange = Wisp.Protocol.Content.GroupUpdateMemberChangeMessage.Types.Type;

namespace Wisp.Client.Groups;

/// <summary>
/// What an admin does, as Session does it: create a group (a new Ed25519 key; generation 0 of the keys wrapped for every
/// member, stored in namespace 12 signed with the group's key), invite (a supplemental keys message, then a 1:1
/// <c>GroupUpdateInviteMessage</c> with the member's subaccount signing value), remove (a new key generation without
/// them, their token revoked, a member-change message), promote (the group's seed, 1:1), rename and describe.
/// </summary>
internal sealed class GroupAdminOps(GroupContext context)
{
    private readonly GroupConfigSync _configs = new(context);

    /// <summary>Creates a group named <paramref name="name"/> with this account as admin, and invites <paramref name="members"/>.</summary>
    public async Task<GroupResult> CreateAsync(string name, IReadOnlyList<AccountId> members, CancellationToken cancellationToken)
    {
        if (CheckName(name) is { } bad)
            return GroupResult.Fail(bad);
        var invitees = members.Where(m => m != context.Me.AccountId).Distinct().ToList();
        if (invitees.Count + 1 > GroupLimits.MaxMembers)
            return GroupResult.Fail($"a group has at most {GroupLimits.MaxMembers} members");
        using var group = Ed25519KeyPair.Generate();
        var groupId = GroupIds.Of(group.PublicKey);
        var now = context.NowMs();
        context.Groups.Upsert(groupId, name, GroupRole.Admin, group.Seed, [], null, now);
        context.Groups.SetMember(groupId, context.Me.AccountId, admin: true, GroupMemberState.Joined, now);
        foreach (var invitee in invitees)
            context.Groups.SetMember(groupId, invitee, admin: false, GroupMemberState.Invited, now);
        context.Messages.Conversation(groupId, now);

        var swarm = context.Swarm(groupId, out var offline);
        if (swarm is null)
            return GroupResult.Fail(offline!, groupId);
        var rekey = GroupKeys.Rekey(group, [context.Me.AccountId, .. invitees], 0);
        var stored = await swarm.StoreAsync(GroupNamespaces.Keys, rekey.Message, GroupLimits.ConfigTtl, cancellationToken).ConfigureAwait(false);
        if (!stored.Ok)
            return GroupResult.Fail($"the group's keys could not be stored: {stored.Error!.Message}", groupId);
        context.Groups.AddKey(groupId, 0, rekey.Key.Key, now);
        if (await _configs.PublishAsync(groupId, group, swarm, rekeyed: false, cancellationToken).ConfigureAwait(false) is { } unpublished)
            return GroupResult.Fail(unpublished, groupId);
        context.SystemLine(groupId, "", context.Me.AccountId, $"you created the group \"{name}\"", now);
        var failed = await InviteAllAsync(group, groupId, name, invitees, now, cancellationToken).ConfigureAwait(false);
        return failed is null ? GroupResult.Done(groupId) : GroupResult.Fail(failed, groupId);
    }

    /// <summary>
    /// Invites <paramref name="members"/>: they get the current keys (a supplement, no rotation) and a 1:1 invite. A
    /// member invited before who has not joined yet is invited again (the keys and the invite re-sent), so a failed
    /// invite can be retried.
    /// </summary>
    public async Task<GroupResult> InviteAsync(string groupId, IReadOnlyList<AccountId> members, CancellationToken cancellationToken)
    {
        if (Admin(groupId, out var error) is not { } group)
            return GroupResult.Fail(error!, groupId);
        using (group)
        {
            var current = context.Groups.Members(groupId).Where(m => m.Status != GroupMemberState.Removed).ToList();
            var known = current.Select(m => m.AccountId).ToHashSet();
            var pending = current.Where(m => m.Status == GroupMemberState.Invited).Select(m => m.AccountId).ToHashSet();
            var invitees = members.Where(m => !known.Contains(m)).Distinct().ToList();
            var again = members.Where(pending.Contains).Distinct().ToList();
            if (invitees.Count == 0 && again.Count == 0)
                return GroupResult.Fail("everyone named is in the group already", groupId);
            if (known.Count + invitees.Count > GroupLimits.MaxMembers)
                return GroupResult.Fail($"a group has at most {GroupLimits.MaxMembers} members", groupId);
            var swarm = context.Swarm(groupId, out var offline);
            if (swarm is null)
                return GroupResult.Fail(offline!, groupId);
            var keys = context.Keyring(groupId).Keys;
            var supplement = GroupKeys.Supplement(group, [.. invitees, .. again], keys);
            var stored = await swarm.StoreAsync(GroupNamespaces.Keys, supplement, GroupLimits.ConfigTtl, cancellationToken).ConfigureAwait(false);
            if (!stored.Ok)
                return GroupResult.Fail($"the keys for the new members could not be stored: {stored.Error!.Message}", groupId);
            var now = context.NowMs();
            foreach (var invitee in invitees)
                context.Groups.SetMember(groupId, invitee, admin: false, GroupMemberState.Invited, now);
            if (await _configs.PublishAsync(groupId, group, swarm, rekeyed: false, cancellationToken).ConfigureAwait(false) is { } unpublished)
                return GroupResult.Fail(unpublished, groupId);
            if (invitees.Count > 0)
                await SendToGroupAsync(groupId, GroupContent.MemberChange(group, MemberChange.Added, invitees, now), cancellationToken).ConfigureAwait(false);
            var name = context.Groups.Find(groupId)!.Name;
            var failed = await InviteAllAsync(group, groupId, name, [.. invitees, .. again], now, cancellationToken).ConfigureAwait(false);
            return failed is null ? GroupResult.Done(groupId) : GroupResult.Fail(failed, groupId);
        }
    }

    /// <summary>
    /// Removes <paramref name="members"/>: a new key generation wrapped for everyone else (they cannot read what is sent
    /// from now on), their subaccount tokens revoked on the group's swarm, and a member-change message.
    /// </summary>
    public async Task<GroupResult> RemoveAsync(string groupId, IReadOnlyList<AccountId> members, CancellationToken cancellationToken)
    {
        if (Admin(groupId, out var error) is not { } group)
            return GroupResult.Fail(error!, groupId);
        using (group)
        {
            var current = context.Groups.Members(groupId).Where(m => m.Status != GroupMemberState.Removed).ToList();
            var removed = members.Distinct().Where(m => current.Any(c => c.AccountId == m)).ToList();
            if (removed.Count == 0)
                return GroupResult.Fail("no one named is a member of the group", groupId);
            if (removed.Contains(context.Me.AccountId))
                return GroupResult.Fail("an admin leaves with `wisp group leave`, not by removing themself", groupId);
            var swarm = context.Swarm(groupId, out var offline);
            if (swarm is null)
                return GroupResult.Fail(offline!, groupId);
            var remaining = current.Select(m => m.AccountId).Where(m => !removed.Contains(m)).ToList();
            if (await RekeyWithoutAsync(groupId, group, swarm, removed, remaining, cancellationToken).ConfigureAwait(false) is { } failed)
                return GroupResult.Fail(failed, groupId);
            var now = context.NowMs();
            var sent = await SendToGroupAsync(groupId, GroupContent.MemberChange(group, MemberChange.Removed, removed, now), cancellationToken).ConfigureAwait(false);
            context.SystemLine(groupId, "", context.Me.AccountId, $"you removed {string.Join(", ", removed.Select(context.NameOf))}", now);
            return sent is null ? GroupResult.Done(groupId) : GroupResult.Fail(sent, groupId);
        }
    }

    /// <summary>
    /// Locks out members who left (their member-left message already shown), as Session's admins do: a new key
    /// generation without them and their tokens revoked, with no member-change message of its own. Null when done.
    /// </summary>
    public async Task<string?> LockOutLeaversAsync(string groupId, Ed25519KeyPair group, IReadOnlyList<AccountId> leavers, CancellationToken cancellationToken)
    {
        var swarm = context.Swarm(groupId, out var offline);
        if (swarm is null)
            return offline;
        var remaining = context.Groups.Members(groupId)
            .Where(m => m.Status != GroupMemberState.Removed && !leavers.Contains(m.AccountId)).Select(m => m.AccountId).ToList();
        return await RekeyWithoutAsync(groupId, group, swarm, leavers, remaining, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes <paramref name="member"/> an admin: the group's seed, 1:1, and a member-change message.</summary>
    public async Task<GroupResult> PromoteAsync(string groupId, AccountId member, CancellationToken cancellationToken)
    {
        if (Admin(groupId, out var error) is not { } group)
            return GroupResult.Fail(error!, groupId);
        using (group)
        {
            if (!context.Groups.Members(groupId).Any(m => m.AccountId == member && m.Status != GroupMemberState.Removed))
                return GroupResult.Fail($"{member} is not a member of the group", groupId);
            var now = context.NowMs();
            var name = context.Groups.Find(groupId)!.Name;
            if (!await context.Sender.SendSignalAsync(member, GroupContent.Promote(group.Seed, name, now), GroupLimits.MessageTtl, cancellationToken).ConfigureAwait(false))
                return GroupResult.Fail($"the promotion could not be sent to {member}", groupId);
            context.Groups.SetMember(groupId, member, admin: true, GroupMemberState.Joined, now);
            context.SystemLine(groupId, "", context.Me.AccountId, $"you made {context.NameOf(member)} an admin", now);
            if (await PublishAsync(groupId, group, cancellationToken).ConfigureAwait(false) is { } unpublished)
                return GroupResult.Fail(unpublished, groupId);
            var sent = await SendToGroupAsync(groupId, GroupContent.MemberChange(group, MemberChange.Promoted, [member], now), cancellationToken).ConfigureAwait(false);
            return sent is null ? GroupResult.Done(groupId) : GroupResult.Fail(sent, groupId);
        }
    }

    /// <summary>Renames the group and tells the members.</summary>
    public async Task<GroupResult> RenameAsync(string groupId, string name, CancellationToken cancellationToken)
    {
        if (CheckName(name) is { } bad)
            return GroupResult.Fail(bad, groupId);
        if (Admin(groupId, out var error) is not { } group)
            return GroupResult.Fail(error!, groupId);
        using (group)
        {
            var now = context.NowMs();
            var sent = await SendToGroupAsync(groupId, GroupContent.Renamed(group, name, now), cancellationToken).ConfigureAwait(false);
            if (sent is not null)
                return GroupResult.Fail(sent, groupId);
            context.Groups.SetInfo(groupId, name, null, now);
            context.SystemLine(groupId, "", context.Me.AccountId, $"you renamed the group to \"{name}\"", now);
            var unpublished = await PublishAsync(groupId, group, cancellationToken).ConfigureAwait(false);
            return unpublished is null ? GroupResult.Done(groupId) : GroupResult.Fail(unpublished, groupId);
        }
    }

    /// <summary>Sets the group's description (admins only), published in the group's info config.</summary>
    public async Task<GroupResult> DescribeAsync(string groupId, string description, CancellationToken cancellationToken)
    {
        if (Encoding.UTF8.GetByteCount(description) > GroupLimits.MaxDescriptionBytes)
            return GroupResult.Fail($"a description is at most {GroupLimits.MaxDescriptionBytes} bytes", groupId);
        if (Admin(groupId, out var error) is not { } group)
            return GroupResult.Fail(error!, groupId);
        using (group)
        {
            var view = context.Groups.Find(groupId)!;
            context.Groups.SetInfo(groupId, view.Name, description, context.NowMs());
            var unpublished = await PublishAsync(groupId, group, cancellationToken).ConfigureAwait(false);
            return unpublished is null ? GroupResult.Done(groupId) : GroupResult.Fail(unpublished, groupId);
        }
    }

    /// <summary>Publishes the info and members configs as this admin knows them; null when done, else why not.</summary>
    public async Task<string?> PublishAsync(string groupId, Ed25519KeyPair group, CancellationToken cancellationToken) =>
        context.Swarm(groupId, out var offline) is { } swarm
            ? await _configs.PublishAsync(groupId, group, swarm, rekeyed: false, cancellationToken).ConfigureAwait(false)
            : offline;

    /// <summary>Encrypts <paramref name="content"/> with the newest key and stores it in namespace 11; null when stored, else why not.</summary>
    public async Task<string?> SendToGroupAsync(string groupId, Content content, CancellationToken cancellationToken)
    {
        var swarm = context.Swarm(groupId, out var offline);
        if (swarm is null)
            return offline;
        if (context.Keyring(groupId).Current is not { } key)
            return "this account holds no key for the group yet";
        var data = GroupMessage.Encrypt(key, context.Me, MessageContentBytes(content));
        var stored = await swarm.StoreAsync(GroupNamespaces.Messages, data, GroupLimits.MessageTtl, cancellationToken).ConfigureAwait(false);
        return stored.Ok && stored.Value!.Confirmed > 0 ? null : $"the group's swarm did not take the message: {stored.Error?.Message ?? "no node confirmed it"}";
    }

    // The heart of a removal: the new generation for the remaining members, the member list re-published under it, and
    // the removed members' tokens revoked. Null when done, else why not.
    private async Task<string?> RekeyWithoutAsync(string groupId, Ed25519KeyPair group, GroupSwarm swarm, IReadOnlyList<AccountId> removed,
        List<AccountId> remaining, CancellationToken cancellationToken)
    {
        var generation = (context.Keyring(groupId).MaxGeneration ?? -1) + 1;
        var rekey = GroupKeys.Rekey(group, remaining, generation);
        var stored = await swarm.StoreAsync(GroupNamespaces.Keys, rekey.Message, GroupLimits.ConfigTtl, cancellationToken).ConfigureAwait(false);
        if (!stored.Ok)
            return $"the new keys could not be stored: {stored.Error!.Message}";
        var now = context.NowMs();
        context.Groups.AddKey(groupId, generation, rekey.Key.Key, now);
        foreach (var member in removed)
            context.Groups.SetMember(groupId, member, admin: false, GroupMemberState.Removed, now);
        if (await _configs.PublishAsync(groupId, group, swarm, rekeyed: true, cancellationToken).ConfigureAwait(false) is { } unpublished)
            return $"the new keys are out, but {unpublished}";
        var tokens = removed.Select(m => GroupSubaccount.Token(group, m)).ToList();
        foreach (var batch in tokens.Chunk(Wisp.Protocol.Rpc.RevokeSubaccountRequest.MaxTokens))
        {
            var revoked = await swarm.RevokeAsync(batch, cancellationToken).ConfigureAwait(false);
            if (!revoked.Ok)
                return $"the new keys are out, but revoking the removed members' tokens failed: {revoked.Error!.Message}";
        }
        return null;
    }

    internal static byte[] MessageContentBytes(Content content) => Wisp.Client.Messaging.MessageContent.Serialize(content);

    private async Task<string?> InviteAllAsync(Ed25519KeyPair group, string groupId, string name, List<AccountId> invitees, long now, CancellationToken cancellationToken)
    {
        var failed = new List<string>();
        foreach (var invitee in invitees)
        {
            var auth = GroupSubaccount.Make(group, invitee);
            var invite = GroupContent.Invite(group, groupId, name, invitee, auth, now);
            if (context.DisplayName is { Length: > 0 } displayName)
                invite.DataMessage.Profile = new LokiProfile { DisplayName = displayName }; // so the invitee sees who invites them
            if (!await context.Sender.SendSignalAsync(invitee, invite, GroupLimits.MessageTtl, cancellationToken).ConfigureAwait(false))
                failed.Add(invitee.Hex);
            else
                context.SystemLine(groupId, "", context.Me.AccountId, $"you invited {context.NameOf(invitee)}", now);
        }
        return failed.Count == 0 ? null : $"the invite could not be sent to {string.Join(", ", failed)}";
    }

    private Ed25519KeyPair? Admin(string groupId, out string? error)
    {
        if (context.Groups.Find(groupId) is null)
        {
            error = $"no group {groupId}";
            return null;
        }
        var key = context.AdminKey(groupId);
        error = key is null ? "only an admin of the group can do that" : null;
        return key;
    }

    private static string? CheckName(string name) =>
        string.IsNullOrWhiteSpace(name) ? "a group needs a name"
        : Encoding.UTF8.GetByteCount(name) > GroupLimits.MaxNameBytes ? $"a group name is at most {GroupLimits.MaxNameBytes} bytes"
        : name.Any(char.IsControl) ? "a group name has no control characters"
        : null;
}

/// <summary>The group swarm's namespaces (Session's).</summary>
internal static class GroupNamespaces
{
    /// <summary>Messages, encrypted with the group's key.</summary>
    public const int Messages = 11;

    /// <summary>The keys messages.</summary>
    public const int Keys = 12;

    /// <summary>The info config.</summary>
    public const int Info = 13;

    /// <summary>The members config.</summary>
    public const int Members = 14;

    /// <summary>Messages for revoked members.</summary>
    public const int Revoked = -11;
}

/// <summary>How a group operation went: done, or why not (with the group's ID when there is one).</summary>
/// <param name="GroupId">The group's ID, when known.</param>
/// <param name="Error">Null when done; else a sentence.</param>
public sealed record GroupResult(string? GroupId, string? Error)
{
    /// <summary>True when done.</summary>
    public bool Ok => Error is null;

    internal static GroupResult Done(string groupId) => new(groupId, null);

    internal static GroupResult Fail(string error, string? groupId = null) => new(groupId, error);
}
