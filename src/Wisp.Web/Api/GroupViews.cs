using Wisp.Client;
using Wisp.Client.Groups;

namespace Wisp.Web.Api;

/// <summary>A group as the page shows it.</summary>
internal sealed record GroupJson(
    string Id, string Name, string? Description, string State, bool Admin, IReadOnlyList<MemberJson> Members, int Unread,
    MessageJson? LastMessage, bool HasPicture, string? InvitedBy);

/// <summary>One member of a group.</summary>
internal sealed record MemberJson(string AccountId, string Name, bool Admin, string State, bool You);

/// <summary>The SDK's groups as the page's JSON.</summary>
internal static class GroupViews
{
    public static GroupJson Group(WispClient client, GroupView group) => new(
        group.Id,
        group.Name,
        group.Description,
        group.Role switch
        {
            GroupRole.Admin or GroupRole.Member => "joined",
            GroupRole.Invited => "invited",
            GroupRole.Removed => "removed",
            _ => "left",
        },
        group.Role == GroupRole.Admin,
        [.. client.Groups.Members(group.Id).Select(m => Member(client, m))],
        0,
        client.Groups.History(group.Id, 1) is [var last] ? Message(client, last) : null,
        false,
        group.InvitedBy?.Hex);

    public static MemberJson Member(WispClient client, GroupMemberView member)
    {
        var you = member.AccountId == client.AccountId;
        return new MemberJson(
            member.AccountId.Hex,
            you ? client.DisplayName ?? "You" : client.Contacts.NameOf(member.AccountId),
            member.Admin,
            member.Status switch
            {
                GroupMemberState.Invited => "invited",
                GroupMemberState.Joined => "joined",
                _ => "removed",
            },
            you);
    }

    /// <summary>A group message in the shape of a chat message: peer is the group, sender and sender_name say who wrote it.</summary>
    public static MessageJson Message(WispClient client, GroupMessageView message) =>
        Message(client, message, message.Kind == GroupMessageKind.Text ? AttachmentCalls.ForMessage(client, message.Id) : []);

    private static MessageJson Message(WispClient client, GroupMessageView message, IReadOnlyList<AttachmentJson> files) => new(
        message.Id,
        message.GroupId,
        message.Outgoing,
        message.Kind == GroupMessageKind.Update ? "group" : "text",
        // For one with files, the caption only: the SDK's "[file] name (size)" lines are the files, shown as such.
        files.Count == 0 ? message.Body : string.Join('\n', message.Body.Split('\n').Skip(files.Count)),
        message.SentAtMs,
        message.Outgoing
            ? message.Status switch
            {
                "sent" => "sent",
                "failed" => "failed",
                _ => "sending",
            }
            : "received",
        null,
        null,
        [],
        null,
        false,
        message.Sender.Hex,
        message.Outgoing ? "You" : client.Contacts.NameOf(message.Sender),
        files);
}
