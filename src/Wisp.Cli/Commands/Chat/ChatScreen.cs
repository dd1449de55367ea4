using Wisp.Client;
using Wisp.Client.Conversations;
using Wisp.Crypto.Keys;

namespace Wisp.Cli.Commands.Chat;

/// <summary>
/// What <c>wisp chat</c> shows of the client's events for one conversation, as lines for a person. Notices are not
/// repeated: "is typing" shows once until the peer sends or stops, "read your messages" once per batch of messages
/// read, and the network's loss and return once each. Returns null for an event that shows nothing.
/// </summary>
internal sealed class ChatScreen(AccountId peer, string name, Func<AccountId, string> nameOf)
{
    private bool _typingShown;
    private bool _unreadOutgoing = true;

    /// <summary>The line for <paramref name="clientEvent"/>, or null.</summary>
    public string? Describe(ClientEvent clientEvent)
    {
        switch (clientEvent)
        {
            case ClientEvent.MessageAdded { Message: var message } when message.Peer == peer:
                if (message.Direction == MessageDirection.In)
                    _typingShown = false;
                else
                    _unreadOutgoing = true;
                return MessagePrinting.Line(message, name);
            case ClientEvent.MessageAdded { IsRequest: true, Message: var request }:
                return $"(new message request from {request.Peer.Hex}: see `wisp requests`)";
            case ClientEvent.MessageAdded { Message: { Direction: MessageDirection.In } other }:
                return $"(new message from {nameOf(other.Peer)}: `wisp chat {nameOf(other.Peer)}` to read it)";
            case ClientEvent.DeliveryChanged { Message: var changed } when changed.Peer == peer:
                return Delivery(changed);
            case ClientEvent.MessageChanged { Message: var edited } when edited.Peer == peer:
                return edited.DeletedAtMs is not null
                    ? $"({(edited.Direction == MessageDirection.In ? name : "you")} deleted a message: {MessagePrinting.Line(edited, name)})"
                    : $"(reactions on \"{MessagePrinting.Excerpt(edited.Body)}\": {MessagePrinting.Reactions(edited, name) ?? "none"})";
            case ClientEvent.MessageRemoved removed when removed.Peer == peer:
                return "(message deleted for you)";
            case ClientEvent.MessagesRead read when read.Peer == peer && read.Count > 0 && _unreadOutgoing:
                _unreadOutgoing = false;
                return $"({name} read your messages)";
            case ClientEvent.Typing typing when typing.Peer == peer:
                if (typing.Started == _typingShown)
                    return null;
                _typingShown = typing.Started;
                return typing.Started ? $"({name} is typing…)" : null;
            case ClientEvent.MessagesDisappeared gone when gone.Peer == peer:
                return gone.MessageIds.Count == 1 ? "(1 message disappeared)" : $"({gone.MessageIds.Count} messages disappeared)";
            case ClientEvent.MessageDropped dropped:
                return $"(a message in your swarm could not be used and was dropped: {dropped.Reason})";
            case ClientEvent.NetworkUnreachable down:
                return $"(cannot reach the network — is `wisp up` running? What you type is kept and sent when it is back. Last error: {down.Reason})";
            case ClientEvent.NetworkReconnected:
                return "(reconnected to the network)";
            case ClientEvent.DirectChanged changed: // direct mode (issue 20)
                return $"({DirectCommand.Describe(nameOf(changed.Peer), changed.State)})";
            default:
                return null;
        }
    }

    private static string? Delivery(MessageView message) => message.Delivery switch
    {
        DeliveryState.Sent => $"(sent: \"{MessagePrinting.Excerpt(message.Body)}\")",
        DeliveryState.Failed => $"(FAILED: \"{MessagePrinting.Excerpt(message.Body)}\": {message.FailureReason}; `wisp retry {message.Id}` tries again)",
        // Only the first failed attempt is worth a line; the network notice covers the rest.
        DeliveryState.Sending when message.Attempts == 1 && message.FailureReason is { } reason =>
            $"(still sending \"{MessagePrinting.Excerpt(message.Body)}\": {reason}; retrying)",
        _ => null,
    };
}
