using Wisp.Community.Auth;
using Wisp.Community.Rooms;

namespace Wisp.Community.Api;

/// <summary>
/// What a handler gets: the request, the authenticated user (or null), the room a <c>{room}</c> segment named
/// (already looked up: an unknown token never reaches a handler), the values of the pattern's other segments, and
/// the server's services.
/// </summary>
internal sealed class RouteContext(CommunityRequest request, CommunityServices services, Room? room, IReadOnlyList<long> numbers, string? rest)
{
    public CommunityRequest Request { get; } = request;

    public CommunityServices Services { get; } = services;

    /// <summary>The authenticated user, or null.</summary>
    public CommunityUser? User => Request.User;

    /// <summary>The room of the <c>{room}</c> segment; throws when the pattern had none.</summary>
    public Room Room => room ?? throw new InvalidOperationException("This route has no {room} segment.");

    /// <summary>The <c>{int}</c> segments, in order.</summary>
    public IReadOnlyList<long> Numbers { get; } = numbers;

    /// <summary>The <c>{path}</c> tail (percent-decoded, may contain '/'), or null.</summary>
    public string? Rest { get; } = rest;

    /// <summary>The <c>{word}</c> segments (a Session ID, a file name), in order.</summary>
    public IReadOnlyList<string> Words { get; init; } = [];
}
