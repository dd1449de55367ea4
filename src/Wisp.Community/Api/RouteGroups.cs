using Wisp.Community.General;
using Wisp.Community.Messages;
using Wisp.Community.Rooms;

namespace Wisp.Community.Api;

/// <summary>The route groups the server answers, in the order their routes are tried.</summary>
internal static class RouteGroups
{
    /// <summary>Every group.</summary>
    public static IReadOnlyList<IRouteGroup> All(CommunityApi api) =>
    [
        new GeneralRoutes(api),
        new RoomRoutes(),
        new MessageRoutes(),
        new ReactionRoutes(),
        new PinRoutes(),
        // Users, Moderation, Dms, Files groups go here, one line each.
        new Moderation.ModerationRoutes(),
        new Moderation.PurgeRoutes(),
        new Dms.DmRoutes(),
        new Files.FileRoutes(),
        new RoomUpdateRoutes(),
        new PermissionRoutes(),
    ];
}
