using Wisp.Community.Api;
using Wisp.Community.Auth;
using Wisp.Protocol.Community;

namespace Wisp.Community.Rooms;

/// <summary><c>GET /rooms</c>, <c>GET /room/{token}</c> and <c>GET /room/{token}/pollInfo/{info_updates}</c>.</summary>
internal sealed class RoomRoutes : IRouteGroup
{
    public void Map(RouteTable routes)
    {
        routes.Get("/rooms", RoomsAsync);
        routes.Get("/room/{room}", RoomAsync);
        routes.Get("/room/{room}/pollInfo/{int}", PollInfoAsync);
    }

    /// <summary>Every room the user may see (not banned from, accessible), ordered by token.</summary>
    private static async Task<CommunityResponse> RoomsAsync(RouteContext context, CancellationToken cancellationToken)
    {
        var rooms = new List<RoomInfo>();
        foreach (var room in await context.Services.Rooms.AllAsync(cancellationToken))
        {
            if ((await context.Services.Permissions.ForAsync(room, context.User, cancellationToken)).CanAccess)
                rooms.Add(await RoomDetails.BuildAsync(context.Services, room, context.User, cancellationToken));
        }
        return Reply.Json<IReadOnlyList<RoomInfo>>(rooms, CommunityJsonContext.Default.IReadOnlyListRoomInfo);
    }

    /// <summary>One room's details; 404 when the user may not see it (as if it did not exist).</summary>
    private static async Task<CommunityResponse> RoomAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (await Require.AccessibleAsync(context, cancellationToken) is { } refusal)
            return refusal;
        return Reply.Json(await RoomDetails.BuildAsync(context.Services, context.Room, context.User, cancellationToken), CommunityJsonContext.Default.RoomInfo);
    }

    /// <summary>The user's rights and the active count, with the details when the room's info changed since the client's.</summary>
    private static async Task<CommunityResponse> PollInfoAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (await Require.ReadAsync(context, cancellationToken) is { } refusal)
            return refusal;
        var (services, room, user) = (context.Services, context.Room, context.User);
        await RoomDetails.TouchAsync(services, room, user, cancellationToken);
        var permissions = await services.Permissions.ForAsync(room, user, cancellationToken);
        long active;
        await using (var connection = services.Database.Open())
            active = await RoomDetails.ActiveUsersAsync(services, connection, room, cancellationToken);
        return Reply.Json(new PollInfoReply(room.Token, active, permissions.CanRead, permissions.CanWrite, permissions.CanUpload)
        {
            Details = room.InfoUpdates != context.Numbers[0] ? await RoomDetails.BuildAsync(services, room, user, cancellationToken) : null,
            Moderator = permissions.Moderator ? true : null,
            DefaultRead = permissions.Moderator ? room.DefaultRead : null,
            DefaultAccessible = permissions.Moderator ? room.DefaultAccessible : null,
            DefaultWrite = permissions.Moderator ? room.DefaultWrite : null,
            DefaultUpload = permissions.Moderator ? room.DefaultUpload : null,
            Admin = permissions.Admin ? true : null,
            GlobalModerator = user is { Moderator: true } || user is { Admin: true } ? true : null,
            GlobalAdmin = user is { Admin: true } ? true : null,
        }, CommunityJsonContext.Default.PollInfoReply);
    }
}
