using Wisp.Crypto.Keys;

namespace Wisp.Client.Conversations;

/// <summary>Where a 1:1 conversation stands with its peer.</summary>
public enum ConversationState
{
    /// <summary>An unknown sender wrote first: shown under requests; no receipts or typing go back until accepted.</summary>
    Request,
    /// <summary>The account talks to this peer (it wrote first, or accepted the request).</summary>
    Accepted,
    /// <summary>The request was declined: its messages are deleted; a new message from the peer makes a new request.</summary>
    Declined,
    /// <summary>The peer is blocked: their messages are dropped on arrival.</summary>
    Blocked,
}

/// <summary>Per-conversation choices.</summary>
/// <param name="DisappearAfter">Messages sent from now on are deleted this long after sending (null: kept).</param>
/// <param name="ReadReceipts">Whether this account tells the peer when it has read their messages.</param>
/// <param name="TypingIndicators">Whether this account tells the peer when it is typing.</param>
public sealed record ConversationSettings(TimeSpan? DisappearAfter, bool ReadReceipts, bool TypingIndicators)
{
    /// <summary>A new conversation's settings: nothing disappears; receipts and typing indicators on.</summary>
    public static ConversationSettings Default { get; } = new(null, true, true);
}

/// <summary>A 1:1 conversation.</summary>
public sealed record Conversation(long Id, AccountId Peer, ConversationState State, ConversationSettings Settings);

/// <summary>A conversation as the inbox lists it.</summary>
/// <param name="Conversation">The conversation.</param>
/// <param name="Nickname">The peer's nickname, if they are a contact with one.</param>
/// <param name="Unread">Incoming messages not yet read.</param>
/// <param name="Last">The latest message, if any.</param>
public sealed record ConversationSummary(Conversation Conversation, string? Nickname, int Unread, MessageView? Last)
{
    /// <summary>The display name the peer sent, if any (shown where there is no nickname).</summary>
    public string? DisplayName { get; init; }
}

/// <summary>A person the account knows, with an optional nickname (unique among contacts, compared ignoring case).</summary>
public sealed record Contact(AccountId AccountId, string? Nickname)
{
    /// <summary>The display name they sent with their messages, if any (a nickname, where set, is shown instead).</summary>
    public string? DisplayName { get; init; }
}

/// <summary>Which way a message went.</summary>
public enum MessageDirection
{
    /// <summary>Received from the peer.</summary>
    In,
    /// <summary>Sent by this account.</summary>
    Out,
}

/// <summary>What a message is.</summary>
public enum MessageKind
{
    /// <summary>Text typed by a person.</summary>
    Text,
    /// <summary>A change of the disappearing timer; the body says what it became.</summary>
    Timer,
}

/// <summary>Where an outgoing message is on its way to the peer's swarm (as stored; <see cref="DeliveryState"/> is what people see).</summary>
public enum MessageStatus
{
    /// <summary>Not yet confirmed by the swarm; the outbox is trying (again at the next attempt time, until its deadline).</summary>
    Pending,
    /// <summary>Stored in the peer's swarm, confirmed by a node's signed receipt.</summary>
    Sent,
    /// <summary>Given up on (its deadline passed, or it was refused), with the reason; never silently lost.</summary>
    Failed,
}

/// <summary>One message as the client shows it.</summary>
/// <param name="Id">The client's id of the message.</param>
/// <param name="Peer">The other side of the conversation.</param>
/// <param name="Direction">In or out.</param>
/// <param name="Sender">Who wrote it.</param>
/// <param name="Kind">Text or a timer change.</param>
/// <param name="Body">The text.</param>
/// <param name="SentAtMs">The sender's timestamp, Unix ms (read receipts name messages by it).</param>
/// <param name="ReceivedAtMs">When it arrived, for incoming messages.</param>
/// <param name="Status">For outgoing messages: pending, sent or failed.</param>
/// <param name="FailureReason">Why the last attempt failed (pending) or why the outbox gave up (failed).</param>
/// <param name="Attempts">Store attempts made so far (outgoing).</param>
/// <param name="ReadAtMs">Incoming: when this account read it; outgoing: when the peer's read receipt came.</param>
/// <param name="ExpiresAtMs">When a disappearing message is deleted.</param>
/// <param name="ServerHash">The swarm's hash of the message, once known.</param>
/// <param name="DeadlineAtMs">For a pending outgoing message: when the outbox gives up (its time in the swarm is over).</param>
public sealed record MessageView(
    string Id, AccountId Peer, MessageDirection Direction, AccountId Sender, MessageKind Kind, string Body, long SentAtMs,
    long? ReceivedAtMs, MessageStatus? Status, string? FailureReason, int Attempts, long? ReadAtMs, long? ExpiresAtMs,
    string? ServerHash, long? DeadlineAtMs = null)
{
    /// <summary>Where an outgoing message is (sending, sent, read, failed); null for an incoming one.</summary>
    public DeliveryState? Delivery => Status switch
    {
        MessageStatus.Pending => DeliveryState.Sending,
        MessageStatus.Failed => DeliveryState.Failed,
        MessageStatus.Sent => ReadAtMs is null ? DeliveryState.Sent : DeliveryState.Read,
        _ => null,
    };

    /// <summary>The message this one replies to, as the reply quoted it; null when it is no reply.</summary>
    public MessageQuote? Quote { get; init; }

    /// <summary>Reactions to it, oldest first: at most one per (author, emoji).</summary>
    public IReadOnlyList<MessageReaction> Reactions { get; init; } = [];

    /// <summary>When it was deleted for everyone (its text is gone; shown as "(message deleted)"), else null.</summary>
    public long? DeletedAtMs { get; init; }

    /// <summary>How a 1:1 message was sealed (v2, non-PFS v2, v1); null for a group message. Only v2 is forward-secret.</summary>
    public Keys.MessageSealing? Sealing { get; init; }

    /// <summary>True when the message was sealed to the long-term key (v1 or non-PFS v2): shown as "not forward-secret".</summary>
    public bool NotForwardSecret => Sealing is { } sealing && sealing != Keys.MessageSealing.V2;

    /// <summary>The database's change number of its last reaction or deletion (an edit rather than a delivery change).</summary>
    internal long EditChange { get; init; }

    /// <summary>The database's change number when this view was read (what the change feed orders by).</summary>
    internal long Change { get; init; }

    /// <summary>The database's change number when the message was added.</summary>
    internal long InsertedChange { get; init; }
}

/// <summary>The message a reply quotes, as Session names it: by its sent timestamp and author.</summary>
/// <param name="SentAtMs">The quoted message's sent timestamp, Unix ms.</param>
/// <param name="Author">Who wrote the quoted message.</param>
/// <param name="Text">The quoted text (as the reply carried it).</param>
public sealed record MessageQuote(long SentAtMs, AccountId Author, string Text);

/// <summary>One reaction to a message.</summary>
/// <param name="Author">Who reacted.</param>
/// <param name="Emoji">The emoji.</param>
public sealed record MessageReaction(AccountId Author, string Emoji);

/// <summary>What the sender sees of an outgoing message: sending → sent → read, or failed with a reason.</summary>
public enum DeliveryState
{
    /// <summary>In the outbox: not yet confirmed by the peer's swarm (retried until its deadline).</summary>
    Sending,
    /// <summary>A node of the peer's swarm signed a receipt for it.</summary>
    Sent,
    /// <summary>The peer's read receipt came.</summary>
    Read,
    /// <summary>The outbox gave up, with a reason; <c>wisp retry</c> puts it back.</summary>
    Failed,
}

/// <summary>An outgoing message the outbox must (re)try to store.</summary>
/// <param name="Id">The message's id.</param>
/// <param name="Peer">The recipient.</param>
/// <param name="Payload">The sealed, wrapped bytes: the same on every attempt.</param>
/// <param name="ServerHash">The hash the swarm will give it.</param>
/// <param name="SentAtMs">The message's timestamp.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="ExpiresAtMs">For a disappearing message, when it disappears (its swarm TTL ends then too).</param>
/// <param name="DeadlineMs">When the outbox gives up on it.</param>
internal sealed record OutboxItem(string Id, AccountId Peer, byte[] Payload, string ServerHash, long SentAtMs, int Attempts, long? ExpiresAtMs, long DeadlineMs);

/// <summary>What storing an incoming message did.</summary>
internal enum IncomingOutcome
{
    /// <summary>Stored in an accepted conversation.</summary>
    Stored,
    /// <summary>Stored as (or in) a message request from an unknown sender.</summary>
    StoredAsRequest,
    /// <summary>Its hash was seen before: nothing done.</summary>
    Duplicate,
    /// <summary>The sender is blocked: dropped.</summary>
    Blocked,
}
