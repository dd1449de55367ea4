namespace Wisp.Client.Communities;

/// <summary>Something that happened in a joined community, as <see cref="ClientEvent.Community"/> carries it.</summary>
public abstract record CommunityEvent
{
    private CommunityEvent() { }

    /// <summary>A message new to this client arrived in a room (posted by anyone, this account included).</summary>
    public sealed record MessageAdded(CommunityMessageView Message) : CommunityEvent;

    /// <summary>A known message changed: its reactions, an edit, or it was deleted.</summary>
    public sealed record MessageChanged(CommunityMessageView Message) : CommunityEvent;

    /// <summary>A direct message arrived (or one this account sent from another device was seen).</summary>
    public sealed record DmReceived(CommunityDmView Dm) : CommunityEvent;

    /// <summary>A room's details or this account's permissions in it changed.</summary>
    public sealed record RoomChanged(CommunityRoomView Room) : CommunityEvent;

    /// <summary>A server could not be polled; the poller tries again on its own.</summary>
    public sealed record PollFailed(string BaseUrl, string Reason) : CommunityEvent;
}
