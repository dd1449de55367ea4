using Wisp.Community.Api;
using Wisp.Community.Auth;
using Wisp.Protocol.Community;

namespace Wisp.Community.Messages;

/// <summary>
/// <c>POST /room/{token}/pin/{id}</c>, <c>/unpin/{id}</c> and <c>/unpin/all</c>: admins only (pysogs answers anyone
/// else, signed or not, 403 <c>Permission denied</c>); pinning needs a regular message of the room (404).
/// </summary>
internal sealed class PinRoutes : IRouteGroup
{
    public void Map(RouteTable routes)
    {
        routes.Post("/room/{room}/pin/{int}", PinAsync);
        routes.Post("/room/{room}/unpin/all", UnpinAllAsync);
        routes.Post("/room/{room}/unpin/{int}", UnpinAsync);
    }

    private static async Task<CommunityResponse> PinAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (!await IsAdminAsync(context, cancellationToken))
            return ModelErrors.PermissionDenied();
        var id = context.Numbers[0];
        if (!await context.Services.Reactions.IsRegularMessageAsync(context.Room.Id, id, cancellationToken))
            return ModelErrors.NoSuchPost(id);
        var infoUpdates = await context.Services.Pins.PinAsync(context.Room.Id, id, context.User!, cancellationToken);
        return Reply.Json(new PinReply(infoUpdates), CommunityJsonContext.Default.PinReply);
    }

    private static async Task<CommunityResponse> UnpinAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (!await IsAdminAsync(context, cancellationToken))
            return ModelErrors.PermissionDenied();
        var (count, infoUpdates) = await context.Services.Pins.UnpinAsync(context.Room.Id, context.Numbers[0], cancellationToken);
        return Reply.Json(new UnpinReply(count > 0, infoUpdates), CommunityJsonContext.Default.UnpinReply);
    }

    private static async Task<CommunityResponse> UnpinAllAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (!await IsAdminAsync(context, cancellationToken))
            return ModelErrors.PermissionDenied();
        var (count, infoUpdates) = await context.Services.Pins.UnpinAsync(context.Room.Id, null, cancellationToken);
        return Reply.Json(new UnpinAllReply(count, infoUpdates), CommunityJsonContext.Default.UnpinAllReply);
    }

    private static async Task<bool> IsAdminAsync(RouteContext context, CancellationToken cancellationToken) =>
        context.User is not null && (await context.Services.Permissions.ForAsync(context.Room, context.User, cancellationToken)).Admin;
}
