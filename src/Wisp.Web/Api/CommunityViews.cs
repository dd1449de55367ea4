using System.Globalization;
using Wisp.Client;
using Wisp.Client.Communities;

namespace Wisp.Web.Api;

/// <summary>A joined community room as the page shows it; <c>id</c> is its web id (token@host:port).</summary>
internal sealed record CommunityJson(
    string Id, string Url, string Server, string Token, string Name, string? Description, string You, bool Moderator, bool Admin,
    bool CanWrite, int? ActiveUsers, int Unread, MessageJson? LastMessage);

/// <summary>A blinded DM thread through a community: <c>peer</c> is member@room, the chat's id on the page.</summary>
internal sealed record CommunityDmJson(string Peer, string Member, string Community, string Name, int Unread, MessageJson? LastMessage);

/// <summary>The SDK's communities (<see cref="WispClient.Communities"/>) as the page's JSON, and the web ids of rooms.</summary>
internal static class CommunityViews
{
    /// <summary>The room's web id: its token, @, and its server's host and port (as the bot API names rooms too).</summary>
    public static string WebId(CommunityRoomView room) => WebId(room.BaseUrl, room.Token);

    public static string WebId(string baseUrl, string token) => $"{token}@{new Uri(baseUrl).Authority}";

    /// <summary>The chat id of a DM thread with <paramref name="member"/> (a blinded ID) through the room <paramref name="roomId"/>.</summary>
    public static string DmId(string member, string roomId) => $"{member}@{roomId}";

    public static CommunityJson Room(WispClient client, CommunityRoomView room) => new(
        WebId(room),
        room.Url,
        room.BaseUrl,
        room.Token,
        room.Name ?? room.Token,
        room.Description,
        room.BlindedId,
        room.Moderator || room.Admin,
        room.Admin,
        room.Write,
        room.ActiveUsers,
        0,
        client.Communities.History(room.Reference, 1) is [var last] ? Message(room, last) : null);

    /// <summary>A room's message in the chat message shape: peer is the room, sender its author's blinded ID.</summary>
    public static MessageJson Message(CommunityRoomView room, CommunityMessageView message) => new(
        message.Id.ToString(CultureInfo.InvariantCulture),
        WebId(room),
        message.Mine,
        "text",
        message.Text ?? "",
        message.PostedMs,
        message.Mine ? "sent" : "received",
        null,
        message.ReplyTo is { } quoted
            ? new ReplyJson(quoted.ToString(CultureInfo.InvariantCulture), message.QuoteText ?? "", message.QuoteAuthor ?? "")
            : null,
        [.. message.Reactions.Select(r => new ReactionJson(r.Emoji, r.Count, r.You))],
        null,
        message.Deleted,
        message.Sender,
        message.Mine ? "You" : MemberName(message.Sender, message.SenderName),
        []);

    /// <summary>A DM in the chat message shape: peer is the thread (member@room).</summary>
    public static MessageJson Dm(WispClient client, string roomId, string you, CommunityDmView dm) => new(
        dm.Id.ToString(CultureInfo.InvariantCulture),
        DmId(dm.Peer, roomId),
        dm.Outgoing,
        "text",
        dm.Text,
        dm.PostedMs,
        dm.Outgoing ? "sent" : "received",
        null,
        null,
        [],
        null,
        false,
        dm.Outgoing ? you : dm.Peer,
        dm.Outgoing ? "You" : DmName(client, dm.Peer, dm.SenderAccountId, null),
        []);

    /// <summary>The DM threads with one community server: one per member, newest last message first.</summary>
    public static IEnumerable<CommunityDmJson> Threads(WispClient client, CommunityRoomView room)
    {
        var roomId = WebId(room);
        var names = NamesSeen(client, room);
        return client.Communities.Dms(room.Reference, WebLimits.MaxHistory)
            .GroupBy(d => d.Peer, StringComparer.Ordinal)
            .Select(thread =>
            {
                var last = thread.MaxBy(d => d.PostedMs)!;
                var account = thread.Select(d => d.SenderAccountId).FirstOrDefault(a => a is not null);
                return new CommunityDmJson(
                    DmId(thread.Key, roomId), thread.Key, roomId, DmName(client, thread.Key, account, names.GetValueOrDefault(thread.Key)), 0,
                    Dm(client, roomId, room.BlindedId, last));
            });
    }

    /// <summary>The names members gave with their recent messages in <paramref name="room"/>, by blinded ID.</summary>
    public static Dictionary<string, string> NamesSeen(WispClient client, CommunityRoomView room)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in client.Communities.History(room.Reference, WebLimits.MaxHistory))
            if (message.SenderName is { Length: > 0 } name)
                names[message.Sender] = name;
        return names;
    }

    /// <summary>A DM partner's name: the contact's name once their Account ID is known, else the name they post under, else their short blinded ID.</summary>
    public static string DmName(WispClient client, string member, string? accountId, string? postedAs)
    {
        if (accountId is not null && Crypto.Keys.AccountId.TryParse(accountId, out var account, out _))
            return client.Contacts.NameOf(account);
        return MemberName(member, postedAs);
    }

    private static string MemberName(string blindedId, string? name) =>
        name is { Length: > 0 } ? name : $"{blindedId[..8]}…{blindedId[^4..]}";
}

/// <summary>The SDK's community events as the page's event frames.</summary>
internal static class CommunityEvents
{
    /// <summary>The frame's type and data for one community event; null for those the page does not show (a failed poll).</summary>
    public static (string Type, object Data)? Frame(WispClient client, CommunityEvent change)
    {
        switch (change)
        {
            case CommunityEvent.MessageAdded added when client.Communities.Find(added.Message.Room, out _) is { } room:
                return ("message_added", new { message = CommunityViews.Message(room, added.Message), is_request = false });
            case CommunityEvent.MessageChanged changed when client.Communities.Find(changed.Message.Room, out _) is { } room:
                return ("message_changed", new { message = CommunityViews.Message(room, changed.Message) });
            case CommunityEvent.DmReceived received
                when client.Communities.List().FirstOrDefault(r => string.Equals(r.BaseUrl, received.Dm.BaseUrl, StringComparison.OrdinalIgnoreCase)) is { } room:
                return ("message_added", new { message = CommunityViews.Dm(client, CommunityViews.WebId(room), room.BlindedId, received.Dm), is_request = false });
            case CommunityEvent.RoomChanged changed:
                return ("community_changed", new { community = CommunityViews.Room(client, changed.Room) });
            default:
                return null;
        }
    }
}
