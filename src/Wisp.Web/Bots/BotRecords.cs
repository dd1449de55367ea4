using System.Text.Json.Serialization;

namespace Wisp.Web.Bots;

/// <summary>
/// A joined room as the bot API shows it. <c>id</c> is <c>token@host:port</c>; <c>blinded_id</c> is the bot's own ID in
/// that community (its posts carry it as <c>author</c>); <c>moderator</c>/<c>admin</c>: what the bot may do there.
/// </summary>
internal sealed record BotRoomJson(string Id, string Token, string Server, string? Name, string BlindedId, bool Moderator, bool Admin);

/// <summary>
/// A post in a room: the community's message id (increasing in a room), the poster's ID as the community sees it
/// (blinded <c>15…</c>/<c>25…</c>, or <c>05…</c>), the display name in the post's profile, the text, when it was
/// posted (ms since 1970), the quoted message's id, and whether this bot posted it.
/// </summary>
internal sealed record BotMessageJson(
    long Id, string Room, string Author, string? AuthorName, string Text, long PostedMs, long? ReplyTo, bool Own);

/// <summary><c>GET /me</c>: the bot's Account ID and display name.</summary>
internal sealed record BotMeJson(string AccountId, string? DisplayName);

/// <summary><c>GET /rooms</c>.</summary>
internal sealed record BotRoomsJson(IReadOnlyList<BotRoomJson> Rooms);

/// <summary><c>GET /rooms/{room}/messages</c>.</summary>
internal sealed record BotMessagesJson(IReadOnlyList<BotMessageJson> Messages);

/// <summary><c>POST /rooms/{room}/messages</c>: the text (1–2,000 characters) and, optionally, the id of the message it replies to.</summary>
internal sealed record BotPostRequest(string Text, long? ReplyTo = null);

/// <summary><c>POST /rooms/{room}/messages</c>' answer (201).</summary>
internal sealed record BotPostedJson(BotMessageJson Message);

/// <summary><c>POST /rooms/{room}/bans</c>: the member's ID in the community and, optionally, how long (null: until unbanned).</summary>
internal sealed record BotBanRequest(string SessionId, long? TimeoutSeconds = null);

/// <summary>Stream frame <c>{"type":"ready","room":{…}}</c>: always first.</summary>
internal sealed record BotReadyFrame(BotRoomJson Room)
{
    [JsonPropertyOrder(-1)]
    public string Type => "ready";
}

/// <summary>Stream frame <c>{"type":"message","message":{…}}</c>: a new post (the bot's own included).</summary>
internal sealed record BotMessageFrame(BotMessageJson Message)
{
    [JsonPropertyOrder(-1)]
    public string Type => "message";
}

/// <summary>Stream frame <c>{"type":"message_deleted","room":"…","id":12}</c>.</summary>
internal sealed record BotDeletedFrame(string Room, long Id)
{
    [JsonPropertyOrder(-1)]
    public string Type => "message_deleted";
}
