using Wisp.Client.Conversations;
using Wisp.Crypto.Keys;

namespace Wisp.Client;

/// <summary>
/// Something that happened to the account, as <see cref="WispClient.Events"/> reports it. Messages and delivery states
/// come from the account's database, so what another process of the same profile sent or received shows too.
/// </summary>
public abstract record ClientEvent
{
    private ClientEvent() { }

    /// <summary>A message was added to a conversation: received, or sent (by this process or another of the profile).</summary>
    /// <param name="Message">The message as stored.</param>
    /// <param name="IsRequest">True when it is in a message request (an unknown sender wrote).</param>
    public sealed record MessageAdded(MessageView Message, bool IsRequest) : ClientEvent;

    /// <summary>An outgoing message moved on (<see cref="MessageView.Delivery"/>: sending, sent, read, failed) or another attempt failed.</summary>
    public sealed record DeliveryChanged(MessageView Message) : ClientEvent;

    /// <summary>
    /// A message's reactions changed, or its author deleted it for everyone (<see cref="MessageView.DeletedAtMs"/> set),
    /// by the peer or by this account in any of its processes.
    /// </summary>
    public sealed record MessageChanged(MessageView Message) : ClientEvent;

    /// <summary>This process deleted a message for this account only (<see cref="Front.ClientMessages.DeleteForMe"/>).</summary>
    public sealed record MessageRemoved(AccountId Peer, string MessageId) : ClientEvent;

    /// <summary>The peer read <paramref name="Count"/> of this account's messages (their read receipt came).</summary>
    public sealed record MessagesRead(AccountId Peer, int Count) : ClientEvent;

    /// <summary>The peer started or stopped typing.</summary>
    public sealed record Typing(AccountId Peer, bool Started) : ClientEvent;

    /// <summary>Disappearing messages of the conversation with <paramref name="Peer"/> reached their time and were deleted.</summary>
    public sealed record MessagesDisappeared(AccountId Peer, IReadOnlyList<string> MessageIds) : ClientEvent;

    /// <summary>Something in the account's swarm could not be used (forged, malformed, from a blocked sender, not understood).</summary>
    public sealed record MessageDropped(string Reason) : ClientEvent;

    /// <summary>The network stopped answering; the client keeps trying. <paramref name="Reason"/> is the last error.</summary>
    public sealed record NetworkUnreachable(string Reason) : ClientEvent;

    /// <summary>The network answers again after <see cref="NetworkUnreachable"/>.</summary>
    public sealed record NetworkReconnected : ClientEvent;

    /// <summary>Something happened in a joined community room (a message, a change, a direct message, a poll failure).</summary>
    public sealed record Community(Communities.CommunityEvent Change) : ClientEvent;

    /// <summary>Direct mode with <paramref name="Peer"/> changed (this account's choice or their offer); <c>Requested</c> asks for an answer.</summary>
    public sealed record DirectChanged(AccountId Peer, Direct.DirectState State) : ClientEvent;
}
