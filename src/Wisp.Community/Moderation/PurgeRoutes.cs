using Wisp.Community.Api;
using Wisp.Community.Auth;
using Wisp.Community.Users;
using Wisp.Protocol.Community;

namespace Wisp.Community.Moderation;

/// <summary>
/// <c>DELETE /room/{token}/all/{id}</c> (every post of a user in a room: <c>{}</c>, or 404 when there were none) and
/// <c>DELETE /rooms/all/{id}</c> (in every room where the caller may: the counts), as pysogs's <c>routes/rooms.py</c>.
/// </summary>
internal sealed class PurgeRoutes : IRouteGroup
{
    public void Map(RouteTable routes)
    {
        routes.Delete("/room/{room}/all/{word}", DeleteInRoomAsync);
        routes.Delete("/rooms/all/{word}", DeleteEverywhereAsync);
    }

    private static async Task<CommunityResponse> DeleteInRoomAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (!SessionIds.IsAny(context.Words[0]))
            return Reply.Status(404);
        if (Require.User(context) is { } unsigned)
            return unsigned;
        if (await context.Services.Users.FindAsync(SessionIds.Normal(context.Words[0]), cancellationToken) is not { } poster)
            return Reply.Text(404, $"No such user: {context.Words[0]}"); // pysogs's NoSuchUser
        if (!await ModerationRules.MayPurgeAsync(context.Services, context.Room, context.User!, poster, cancellationToken))
            return ModelErrors.PermissionDenied();
        var now = context.Services.Now();
        var deleted = await context.Services.Database.WriteAsync(
            (_, transaction) => PostPurge.DeleteAllAsync(transaction, context.Room.Id, poster.Id, now, cancellationToken), cancellationToken);
        return deleted == 0 ? Reply.Status(404) : Reply.EmptyObject();
    }

    private static async Task<CommunityResponse> DeleteEverywhereAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (!SessionIds.IsAny(context.Words[0]))
            return Reply.Status(404);
        if (Require.User(context) is { } unsigned)
            return unsigned;
        if (await context.Services.Users.FindAsync(SessionIds.Normal(context.Words[0]), cancellationToken) is not { } poster)
            return Reply.Text(404, $"No such user: {context.Words[0]}"); // pysogs's NoSuchUser
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var now = context.Services.Now();
        foreach (var room in await context.Services.Rooms.AllAsync(cancellationToken))
        {
            var rights = await context.Services.Permissions.ForAsync(room, context.User, cancellationToken);
            if (!rights.CanAccess || !await ModerationRules.MayPurgeAsync(context.Services, room, context.User!, poster, cancellationToken))
                continue;
            counts[room.Token] = await context.Services.Database.WriteAsync(
                (_, transaction) => PostPurge.DeleteAllAsync(transaction, room.Id, poster.Id, now, cancellationToken), cancellationToken);
        }
        return Reply.Json(new PostsDeleted(counts, counts.Values.Sum()), CommunityModerationJsonContext.Default.PostsDeleted);
    }
}
