namespace Wisp.Client.Communities;

/// <summary>A joined community room as this client knows it.</summary>
/// <param name="Reference">How commands name it: the token, or <c>host:port/token</c> when two joined servers share a token.</param>
/// <param name="Url">The join URL in Session's form.</param>
/// <param name="BaseUrl">The server, <c>scheme://host:port</c>.</param>
/// <param name="Token">The room's token.</param>
/// <param name="Name">The room's name, once the server told it.</param>
/// <param name="Description">The room's description, or null.</param>
/// <param name="ActiveUsers">Members active recently, as the server counts them.</param>
/// <param name="Read">True when this account may read.</param>
/// <param name="Write">True when this account may post.</param>
/// <param name="Moderator">True when this account moderates the room.</param>
/// <param name="Admin">True when this account administers the room.</param>
/// <param name="BlindedId">This account's blinded ID on the server (<c>15…</c>), what other members see.</param>
/// <param name="JoinedMs">When it was joined, Unix ms.</param>
/// <param name="LastSeqno">The highest message sequence number read from the room.</param>
public sealed record CommunityRoomView(
    string Reference, string Url, string BaseUrl, string Token, string? Name, string? Description, int ActiveUsers,
    bool Read, bool Write, bool Moderator, bool Admin, string BlindedId, long JoinedMs, long LastSeqno);

/// <summary>One message of a room.</summary>
/// <param name="Room">The room's reference (see <see cref="CommunityRoomView.Reference"/>).</param>
/// <param name="Id">The server's message ID (what reply, react and delete name).</param>
/// <param name="Seqno">The server's sequence number of its last change.</param>
/// <param name="Sender">The author's ID as the server shows it (blinded <c>15…</c>/<c>25…</c>, or <c>05…</c>).</param>
/// <param name="SenderName">The display name the author sent with the message, or null.</param>
/// <param name="PostedMs">When the server took it, Unix ms.</param>
/// <param name="EditedMs">When it was last edited, or null.</param>
/// <param name="Text">The text, or null for a deleted message or content this client does not show.</param>
/// <param name="ReplyTo">The ID of the message it quotes, when the quote names one of this room's messages.</param>
/// <param name="QuoteAuthor">The quoted message's author, or null.</param>
/// <param name="QuoteText">The quoted text, or null.</param>
/// <param name="Reactions">Its reactions, in the server's order.</param>
/// <param name="Deleted">True once deleted (by its author or a moderator).</param>
/// <param name="Mine">True when this account wrote it.</param>
public sealed record CommunityMessageView(
    string Room, long Id, long Seqno, string Sender, string? SenderName, long PostedMs, long? EditedMs, string? Text,
    long? ReplyTo, string? QuoteAuthor, string? QuoteText, IReadOnlyList<CommunityReaction> Reactions, bool Deleted, bool Mine);

/// <summary>One reaction on a message.</summary>
/// <param name="Emoji">The reaction (an emoji).</param>
/// <param name="Count">How many reacted with it.</param>
/// <param name="You">True when this account is one of them.</param>
/// <param name="Reactors">Some of those who reacted (the first few the server lists).</param>
public sealed record CommunityReaction(string Emoji, int Count, bool You, IReadOnlyList<string> Reactors);

/// <summary>A direct message between two blinded IDs on one community server.</summary>
/// <param name="BaseUrl">The server, <c>scheme://host:port</c>.</param>
/// <param name="Id">The server's ID of the message in this account's inbox or outbox.</param>
/// <param name="Outgoing">True when this account sent it.</param>
/// <param name="Peer">The other party's blinded ID.</param>
/// <param name="SenderAccountId">The sender's real Account ID (<c>05…</c>), which the encryption reveals to the recipient.</param>
/// <param name="PostedMs">When the server took it, Unix ms.</param>
/// <param name="Text">The text.</param>
public sealed record CommunityDmView(string BaseUrl, long Id, bool Outgoing, string Peer, string? SenderAccountId, long PostedMs, string Text);
