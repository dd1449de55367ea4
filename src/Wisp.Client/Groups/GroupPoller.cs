using Google.Protobuf;
using Wisp.Client.Attachments;
using Wisp.Client.Swarm;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Content;
using Wisp.Protocol.Groups;

namespace Wisp.Client.Groups;

/// <summary>
/// Reads every group this account is in: the keys (namespace 12) first, so a new generation is held before the messages
/// it encrypts, then the messages (11). A full keys message of a newer generation with nothing for this account means
/// it was removed, as does a token the swarm refuses (401, revoked): the group is then marked removed and no longer read.
/// Where each namespace left off is kept per node in <c>group_poll_state</c>.
/// </summary>
internal sealed class GroupPoller(GroupContext context, GroupAdminOps admin)
{
    private static readonly int[] Namespaces = [GroupNamespaces.Keys, GroupNamespaces.Info, GroupNamespaces.Members, GroupNamespaces.Messages];
    private readonly GroupConfigSync _configs = new(context);
    private readonly Dictionary<(string, int), Ed25519PublicKey> _nodes = [];

    /// <summary>Polls every group the account is in; returns the errors met (empty when every poll worked).</summary>
    public async Task<IReadOnlyList<string>> PollAllAsync(CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        foreach (var group in context.Groups.All().Where(g => g.Role is GroupRole.Admin or GroupRole.Member))
        {
            string? error;
            using (await context.TurnAsync(group.Id, cancellationToken).ConfigureAwait(false))
                error = await PollGroupAsync(group.Id, cancellationToken).ConfigureAwait(false);
            if (error is not null)
                errors.Add($"{group.Name}: {error}");
        }
        return errors;
    }

    /// <summary>Polls one group; null when it worked, else why not.</summary>
    public async Task<string?> PollGroupAsync(string groupId, CancellationToken cancellationToken)
    {
        foreach (var ns in Namespaces)
        {
            if (context.Groups.Find(groupId) is not { Role: GroupRole.Admin or GroupRole.Member })
                return null; // removed while reading
            var swarm = context.Swarm(groupId, out var error);
            if (swarm is null)
                return error;
            for (var page = 0; page < GroupLimits.MaxPagesPerPoll; page++)
            {
                _nodes.TryGetValue((groupId, ns), out var node);
                var lastHash = node is null ? null : context.Groups.LastHash(groupId, node.ToHex(), ns);
                var result = await swarm.PollAsync(ns, lastHash, node, cancellationToken).ConfigureAwait(false);
                if (!result.Ok)
                {
                    _nodes.Remove((groupId, ns));
                    if (result.Error!.Status == 401 && context.AdminKey(groupId) is null)
                    {
                        Removed(groupId, "the group's swarm no longer accepts this account's token");
                        return null;
                    }
                    return result.Error.Message;
                }
                var retrieved = result.Value!;
                _nodes[(groupId, ns)] = retrieved.Node.Ed25519;
                if (ns is GroupNamespaces.Info or GroupNamespaces.Members)
                    _configs.Merge(groupId, ns, retrieved.Messages);
                if (ns == GroupNamespaces.Keys)
                {
                    foreach (var message in retrieved.Messages)
                        TakeKeys(groupId, message.Data, message.TimestampMs);
                }
                else if (ns == GroupNamespaces.Messages && retrieved.Messages.Count > 0)
                {
                    // The keys were read (namespace 12) before this page: one keyring serves every message of it.
                    var keys = context.Keyring(groupId).Keys;
                    foreach (var message in retrieved.Messages)
                        TakeMessage(groupId, keys, message.Hash, message.Data, message.TimestampMs, message.ExpiryMs);
                }
                if (retrieved.LastHash is { } newest)
                    context.Groups.SetLastHash(groupId, retrieved.Node.Ed25519.ToHex(), ns, newest);
                if (!retrieved.More)
                    break;
            }
        }
        bool changed;
        HashSet<AccountId>? leavers;
        lock (context.MembersChanged)
        {
            changed = context.MembersChanged.Remove(groupId);
            context.Leavers.Remove(groupId, out leavers);
        }
        if (!changed || context.AdminKey(groupId) is not { } group)
            return null;
        using (group)
        {
            if (leavers is null)
                return await admin.PublishAsync(groupId, group, cancellationToken).ConfigureAwait(false);
            // A member who left is locked out as a removed one is (this publishes the member list too).
            var failed = await admin.LockOutLeaversAsync(groupId, group, [.. leavers], cancellationToken).ConfigureAwait(false);
            if (failed is not null)
                Retry(groupId, leavers);
            return failed;
        }
    }

    // The lock-out did not get through: it is tried again after the next poll.
    private void Retry(string groupId, HashSet<AccountId> leavers)
    {
        lock (context.MembersChanged)
        {
            context.MembersChanged.Add(groupId);
            if (context.Leavers.TryGetValue(groupId, out var newer))
                leavers.UnionWith(newer);
            context.Leavers[groupId] = leavers;
        }
    }

    private void TakeKeys(string groupId, byte[] data, long timestampMs)
    {
        var groupKey = GroupIds.PublicKey(groupId);
        var parsed = GroupKeysMessage.Parse(data, groupKey);
        if (!parsed.Ok)
            return; // not the group's signature, or not a keys message: ignored
        var keyring = context.Keyring(groupId);
        using var admin = context.AdminKey(groupId);
        var held = keyring.MaxGeneration;
        var load = keyring.Load(data, timestampMs, context.Me, admin);
        if (!load.Ok)
            return;
        foreach (var key in keyring.Keys)
            context.Groups.AddKey(groupId, key.Generation, key.Key, key.TimestampMs);
        // A full rotation this account holds an older generation of, with nothing for it: it was left out.
        if (!load.Added && !parsed.Message!.IsSupplement && held is { } h && parsed.Message.Generation > h && admin is null)
            Removed(groupId, "a new key generation left this account out");
    }

    private void TakeMessage(string groupId, IReadOnlyList<GroupKey> keys, string hash, byte[] data, long timestampMs, long expiryMs)
    {
        var opened = GroupMessage.Decrypt(keys, data);
        if (!opened.Ok || opened.Author is not { } author || author == context.Me.AccountId)
            return; // not readable with the keys held (sent before this account joined, or after it was removed), or its own
        Content content;
        try
        {
            content = Content.Parser.ParseFrom(opened.Data);
        }
        catch (InvalidProtocolBufferException)
        {
            return;
        }
        if (content.DataMessage is not { } message)
            return;
        var sentAt = message.HasTimestamp ? (long)message.Timestamp : timestampMs;
        if (message.GroupUpdateMessage is { } update)
        {
            GroupUpdates.Apply(context, groupId, hash, author, update, sentAt);
            return;
        }
        var caption = message.HasBody && message.Body.Length > 0 ? message.Body : null;
        if (caption is null && message.Attachments.Count == 0)
            return;
        if (message.Profile is { HasDisplayName: true, DisplayName.Length: > 0 } profile)
            context.KeepName(author, profile.DisplayName);
        // Files: one upload, read by every member; the pointers are kept with the message for `wisp files get`.
        var pointers = message.Attachments.Take(AttachmentLimits.MaxFilesPerMessage).ToList();
        var body = pointers.Count == 0 ? caption! : AttachmentSummary.Describe(caption, pointers);
        var stored = context.Messages.AddIncoming(groupId, hash, author, GroupMessageKind.Text, body, sentAt, context.NowMs(), expiryMs);
        if (stored is null)
            return;
        if (pointers.Count > 0)
            context.Attachments.Add(stored.Id, pointers);
        context.Added(stored);
    }

    private void Removed(string groupId, string why)
    {
        var now = context.NowMs();
        context.Groups.SetRole(groupId, GroupRole.Removed, now);
        context.Groups.SetMember(groupId, context.Me.AccountId, admin: false, GroupMemberState.Removed, now);
        context.SystemLine(groupId, "", context.Me.AccountId, $"you were removed from the group ({why})", now);
    }
}
