using System.Text.Json;
using Wisp.Community.Api;
using Wisp.Community.Rooms;
using Wisp.Community.Users;

namespace Wisp.Community.Moderation;

/// <summary>
/// Where a moderator, ban or unban request applies (pysogs's <c>extract_rooms_or_global</c>): the rooms named in
/// <c>rooms</c> — all of which the caller must moderate (or administer, for appointments) — or, for <c>["*"]</c>,
/// every room where the caller does; or the whole server for <c>global</c>, which needs a global moderator (admin).
/// </summary>
internal static class TargetRooms
{
    /// <summary>The rooms (an empty list for global: a room request names at least one) or the refusal: 400 for a malformed body, 403 without the rights.</summary>
    public static async Task<(IReadOnlyList<Room>? Rooms, CommunityResponse? Refusal)> ResolveAsync(
        RouteContext context, JsonElement body, bool needAdmin, CancellationToken cancellationToken)
    {
        var user = context.User!;
        var hasRooms = body.TryGetProperty("rooms", out var roomsValue) && Access.Truthy(roomsValue);
        var global = body.TryGetProperty("global", out var globalValue) && Access.Truthy(globalValue);
        if (hasRooms && roomsValue.ValueKind != JsonValueKind.Array)
            return (null, Reply.Status(400));
        if (hasRooms == global)
            return (null, Reply.Status(400));
        if (global)
            return user.Moderator && (!needAdmin || user.Admin) ? ([], null) : (null, Reply.Status(403));

        var tokens = new List<string>();
        foreach (var token in roomsValue.EnumerateArray())
        {
            if (token.ValueKind != JsonValueKind.String)
                return (null, Reply.Status(404)); // pysogs: the room lookup throws on a non-string token
            tokens.Add(token.GetString()!);
        }
        if (tokens.Count > 1 && tokens.Contains("*"))
            return (null, Reply.Status(400));

        var all = tokens is ["*"];
        var rooms = new List<Room>();
        foreach (var room in await context.Services.Rooms.AllAsync(cancellationToken))
        {
            if (!all && !tokens.Contains(room.Token, StringComparer.OrdinalIgnoreCase))
                continue;
            var rights = await context.Services.Permissions.ForAsync(room, user, cancellationToken);
            if (rights.Moderator && (!needAdmin || rights.Admin))
                rooms.Add(room);
        }
        if (all ? rooms.Count == 0 : rooms.Count != tokens.Count)
            return (null, Reply.Status(403));
        return (rooms, null);
    }
}
