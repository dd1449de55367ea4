using Wisp.Client.Attachments;
using Wisp.Client.Messaging;
using Wisp.Protocol.Content;

namespace Wisp.Client.Groups;

/// <summary>What every member does: answer an invite, write to the group, leave.</summary>
internal sealed class GroupMemberOps(GroupContext context, GroupAdminOps admin, GroupPoller poller)
{
    /// <summary>
    /// Accepts an invite: the account becomes a member, fetches the group's keys with its token, and tells the group it
    /// joined (an invite response in namespace 11).
    /// </summary>
    public async Task<GroupResult> AcceptAsync(string groupId, CancellationToken cancellationToken)
    {
        if (context.Groups.Find(groupId) is not { Role: GroupRole.Invited })
            return GroupResult.Fail($"there is no invite to group {groupId}", groupId);
        var now = context.NowMs();
        context.Groups.SetRole(groupId, GroupRole.Member, now);
        context.Messages.SetState(groupId, "accepted");
        context.Groups.SetMember(groupId, context.Me.AccountId, admin: false, GroupMemberState.Joined, now);
        var polled = await poller.PollGroupAsync(groupId, cancellationToken).ConfigureAwait(false);
        if (polled is not null)
            return GroupResult.Fail($"accepted; the group's swarm could not be read yet ({polled}): its messages come on the next fetch", groupId);
        var sent = await admin.SendToGroupAsync(groupId, GroupContent.InviteResponse(true, context.NowMs()), cancellationToken).ConfigureAwait(false);
        context.SystemLine(groupId, "", context.Me.AccountId, "you joined the group", now);
        return sent is null ? GroupResult.Done(groupId) : GroupResult.Fail($"accepted, but telling the group failed: {sent}", groupId);
    }

    /// <summary>Declines an invite: the group and its conversation are forgotten.</summary>
    public GroupResult Decline(string groupId)
    {
        if (context.Groups.Find(groupId) is not { Role: GroupRole.Invited })
            return GroupResult.Fail($"there is no invite to group {groupId}", groupId);
        context.Messages.DeleteConversation(groupId);
        context.Groups.Delete(groupId);
        return GroupResult.Done(groupId);
    }

    /// <summary>Leaves: tells the group (a member-left message), then stops reading it.</summary>
    public async Task<GroupResult> LeaveAsync(string groupId, CancellationToken cancellationToken)
    {
        if (context.Groups.Find(groupId) is not { Role: GroupRole.Member or GroupRole.Admin })
            return GroupResult.Fail($"this account is not in group {groupId}", groupId);
        var now = context.NowMs();
        var sent = await admin.SendToGroupAsync(groupId, GroupContent.MemberLeft(now), cancellationToken).ConfigureAwait(false);
        if (sent is not null)
            return GroupResult.Fail($"the group could not be told: {sent}", groupId);
        context.Groups.SetRole(groupId, GroupRole.Left, now);
        context.Groups.SetMember(groupId, context.Me.AccountId, admin: false, GroupMemberState.Removed, now);
        context.SystemLine(groupId, "", context.Me.AccountId, "you left the group", now);
        return GroupResult.Done(groupId);
    }

    /// <summary>Sends <paramref name="text"/> to the group; the message is stored as sent, or failed with why.</summary>
    public Task<(GroupMessageView? Message, string? Error)> SendAsync(string groupId, string text, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(text)
            ? Task.FromResult<(GroupMessageView?, string?)>((null, "the message is empty"))
            : SendTextAsync(groupId, text, [], cancellationToken);

    /// <summary>
    /// Sends uploaded files (Session's <c>DataMessage.attachments</c>) with an optional caption to the group: one message,
    /// so every member reads the same upload; the pointers are recorded with the stored message.
    /// </summary>
    public Task<(GroupMessageView? Message, string? Error)> SendAttachmentsAsync(
        string groupId, string? caption, IReadOnlyList<AttachmentPointer> pointers, CancellationToken cancellationToken) =>
        pointers.Count == 0
            ? Task.FromResult<(GroupMessageView?, string?)>((null, "the message carries no file"))
            : SendTextAsync(groupId, caption ?? "", pointers, cancellationToken);

    private async Task<(GroupMessageView? Message, string? Error)> SendTextAsync(
        string groupId, string text, IReadOnlyList<AttachmentPointer> pointers, CancellationToken cancellationToken)
    {
        if (context.Groups.Find(groupId) is not { Role: GroupRole.Member or GroupRole.Admin })
            return (null, $"this account is not in group {groupId}");
        var now = context.NowMs();
        var content = MessageContent.Text(text, (ulong)now, context.DisplayName, disappearAfter: null);
        if (text.Length == 0)
            content.DataMessage.ClearBody();
        content.DataMessage.Attachments.AddRange(pointers);
        var body = pointers.Count == 0 ? text : AttachmentSummary.Describe(text.Length == 0 ? null : text, pointers);
        var message = context.Messages.AddOutgoing(groupId, context.Me.AccountId, GroupMessageKind.Text, body, now);
        if (pointers.Count > 0)
            context.Attachments.Add(message.Id, pointers);
        var error = await admin.SendToGroupAsync(groupId, content, cancellationToken).ConfigureAwait(false);
        context.Messages.SetStatus(message.Id, error is null ? "sent" : "failed", null, error);
        var done = message with { Status = error is null ? "sent" : "failed" };
        context.Added(done);
        return (done, error);
    }
}
