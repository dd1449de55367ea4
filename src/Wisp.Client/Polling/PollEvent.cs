using Wisp.Client.Conversations;
using Wisp.Client.Messaging;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Polling;

/// <summary>Something a poll brought: a message, a read receipt, a typing indicator, or a message dropped and why.</summary>
internal abstract record PollEvent
{
    private PollEvent() { }

    /// <summary>A message was stored (in an accepted conversation, or as a message request).</summary>
    public sealed record MessageArrived(MessageView Message, bool IsRequest) : PollEvent;

    /// <summary>The peer read this account's messages.</summary>
    public sealed record ReadReceipt(AccountId Peer, int Marked) : PollEvent;

    /// <summary>A message was reacted to, or deleted by its author (Session's unsend).</summary>
    public sealed record Edited(string Hash) : PollEvent;

    /// <summary>The peer started or stopped typing.</summary>
    public sealed record Typing(AccountId Peer, bool Started) : PollEvent;

    /// <summary>A message in the swarm was dropped: forged, malformed, from a blocked sender, or not understood.</summary>
    public sealed record Dropped(string Hash, MessageFailure Failure, string Reason) : PollEvent;
}
