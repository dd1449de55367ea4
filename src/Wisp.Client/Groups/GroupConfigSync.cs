using Wisp.Client.Swarm;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Groups;
using Wisp.Protocol.Rpc;

namespace Wisp.Client.Groups;

/// <summary>
/// The group's info (namespace 13: name, description) and members (14) configs, in libsession's format (Wisp.Protocol's
/// <see cref="InfoConfig"/> and <see cref="MembersConfig"/>): an admin writes them from what this account knows and
/// stores them encrypted under the newest key, signed with the group's key; everyone merges what the swarm holds and
/// takes the name, description and member list from it. Each config's dump is kept (encrypted) between runs.
/// </summary>
internal sealed class GroupConfigSync(GroupContext context)
{
    /// <summary>Writes both configs from the local state and stores what changed; null when done, else why not.</summary>
    public async Task<string?> PublishAsync(string groupId, Ed25519KeyPair group, GroupSwarm swarm, bool rekeyed, CancellationToken cancellationToken)
    {
        if (context.Keyring(groupId).Current is not { } key)
            return "this account holds no key for the group yet";
        // What this admin wants published, taken before merging: the merge may write older values into the local rows.
        var view = context.Groups.Find(groupId)!;
        var wanted = context.Groups.Members(groupId);
        // Another admin may have changed a config since this account last read it: merge theirs first, so ours builds on it.
        foreach (var ns in new[] { GroupNamespaces.Info, GroupNamespaces.Members })
        {
            var latest = await swarm.RetrieveAsync(ns, null, null, cancellationToken).ConfigureAwait(false);
            if (latest.Ok)
                Merge(groupId, ns, latest.Value!.Messages);
        }
        var now = context.NowMs();
        context.Groups.SetInfo(groupId, view.Name, view.Description ?? "", now);
        foreach (var member in wanted)
            context.Groups.SetMember(groupId, member.AccountId, member.Admin, member.Status, now);
        var info = new InfoConfig(group.PublicKey, group, context.Groups.ConfigDump(groupId, GroupNamespaces.Info));
        info.Set(info.Info with { Name = view.Name, Description = view.Description });
        var members = new MembersConfig(group.PublicKey, group, context.Groups.ConfigDump(groupId, GroupNamespaces.Members));
        foreach (var member in wanted)
        {
            if (member.Status == GroupMemberState.Removed)
            {
                members.Erase(member.AccountId.Hex);
                continue;
            }
            var entry = (members.Get(member.AccountId.Hex) ?? new GroupMember(member.AccountId.Hex)) with
            {
                Admin = member.Admin,
                Invite = member.Status == GroupMemberState.Invited ? GroupInviteStatus.Sent : GroupInviteStatus.None,
                Promotion = GroupInviteStatus.None,
                Removed = GroupRemovedStatus.None,
            };
            members.Set(entry);
        }
        foreach (var config in new ConfigBase[] { info, members })
        {
            if (rekeyed)
                config.MarkDirty(); // re-encrypted under the new key: a removed member cannot read it, a new one can
            if (!config.NeedsPush)
                continue;
            var push = config.Push(key.Key);
            var stored = await swarm.StoreAsync(config.Namespace, push.Data, GroupLimits.ConfigTtl, cancellationToken).ConfigureAwait(false);
            if (!stored.Ok)
                return $"the group's {(config is InfoConfig ? "info" : "member list")} could not be stored: {stored.Error!.Message}";
            config.ConfirmPushed(push.Seqno, stored.Value!.Hash);
            context.Groups.SetConfigDump(groupId, config.Namespace, config.Dump());
        }
        return null;
    }

    /// <summary>Merges config messages retrieved from namespace <paramref name="ns"/> (13 or 14) and takes what they say.</summary>
    public void Merge(string groupId, int ns, IReadOnlyList<RetrievedMessage> messages)
    {
        var keys = context.Keyring(groupId).Keys.Select(k => (ReadOnlyMemory<byte>)k.Key.ToArray()).ToList();
        if (messages.Count == 0 || keys.Count == 0)
            return;
        var groupKey = GroupIds.PublicKey(groupId);
        using var admin = context.AdminKey(groupId);
        var incoming = messages.Select(m => new ConfigIncoming(m.Hash, m.Data)).ToList();
        var now = context.NowMs();
        if (ns == GroupNamespaces.Info)
        {
            var info = new InfoConfig(groupKey, admin, context.Groups.ConfigDump(groupId, ns));
            if (info.Merge(incoming, keys).AcceptedHashes.Count == 0)
                return;
            context.Groups.SetConfigDump(groupId, ns, info.Dump());
            if (info.Info.Name is { } name)
                context.Groups.SetInfo(groupId, name, info.Info.Description ?? "", now);
            return;
        }
        var members = new MembersConfig(groupKey, admin, context.Groups.ConfigDump(groupId, ns));
        if (members.Merge(incoming, keys).AcceptedHashes.Count == 0)
            return;
        context.Groups.SetConfigDump(groupId, ns, members.Dump());
        var listed = new HashSet<AccountId>();
        foreach (var member in members.Members)
        {
            if (!AccountId.TryParse(member.SessionId, out var id, out _))
                continue;
            listed.Add(id);
            var state = members.StatusOf(member) switch
            {
                GroupMemberStatus.Removed or GroupMemberStatus.RemovedIncludingMessages or GroupMemberStatus.RemovedUnknown => GroupMemberState.Removed,
                GroupMemberStatus.InviteAccepted or >= GroupMemberStatus.PromotionUnknown => GroupMemberState.Joined,
                _ => GroupMemberState.Invited,
            };
            var local = context.Groups.Members(groupId).FirstOrDefault(m => m.AccountId == id);
            if (local is { Status: GroupMemberState.Removed } && state != GroupMemberState.Removed)
                continue; // removed here (with a new key generation): an older list does not bring them back
            if (id == context.Me.AccountId && state != GroupMemberState.Removed)
                state = context.Groups.Find(groupId)!.Role is GroupRole.Invited ? GroupMemberState.Invited : GroupMemberState.Joined; // a list older than our own answer
            context.Groups.SetMember(groupId, id, member.Admin, state, now);
        }
        // For a member the admins' list is the group's: someone it no longer names was removed or left. An admin keeps
        // its own list (it may have just invited someone the stored list does not name yet).
        if (admin is not null)
            return;
        foreach (var known in context.Groups.Members(groupId).Where(m => m.Status != GroupMemberState.Removed && !listed.Contains(m.AccountId)))
            context.Groups.SetMember(groupId, known.AccountId, known.Admin, GroupMemberState.Removed, now);
    }
}
