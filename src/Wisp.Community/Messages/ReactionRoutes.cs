using Wisp.Community.Api;
using Wisp.Community.Auth;
using Wisp.Protocol.Community;

namespace Wisp.Community.Messages;

/// <summary>
/// <c>PUT/DELETE /room/{token}/reaction/{id}/{emoji}</c>, the moderator's <c>DELETE /room/{token}/reactions/{id}[/{emoji}]</c>
/// and <c>GET /room/{token}/reactors/{id}/{emoji}</c>, with pysogs's checks in its order: the reaction 1–12 code points
/// (400), a user (403), read or moderator rights (403), a regular message (404 <c>No such post</c>).
/// </summary>
internal sealed class ReactionRoutes : IRouteGroup
{
    public void Map(RouteTable routes)
    {
        routes.Put("/room/{room}/reaction/{int}/{path}", AddAsync);
        routes.Delete("/room/{room}/reaction/{int}/{path}", RemoveAsync);
        routes.Delete("/room/{room}/reactions/{int}/{path}", ClearAsync);
        routes.Delete("/room/{room}/reactions/{int}", ClearAsync);
        routes.Get("/room/{room}/reactors/{int}/{path}", ReactorsAsync);
    }

    private static async Task<CommunityResponse> AddAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (Require.User(context) is { } unauthenticated)
            return unauthenticated;
        if (await Require.ReadAsync(context, cancellationToken) is { } unreadable)
            return unreadable;
        if (await CheckAsync(context, userRequired: true, moderatorRequired: false, cancellationToken) is { } refusal)
            return refusal;
        var (added, seqno) = await context.Services.Reactions.AddAsync(context.Room.Id, context.Numbers[0], context.Rest!, context.User!, cancellationToken);
        return Reply.Json(new ReactionAddedReply(added, seqno), CommunityJsonContext.Default.ReactionAddedReply);
    }

    private static async Task<CommunityResponse> RemoveAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (Require.User(context) is { } unauthenticated)
            return unauthenticated;
        if (await Require.ReadAsync(context, cancellationToken) is { } unreadable)
            return unreadable;
        if (await CheckAsync(context, userRequired: true, moderatorRequired: false, cancellationToken) is { } refusal)
            return refusal;
        var (removed, seqno) = await context.Services.Reactions.RemoveAsync(context.Room.Id, context.Numbers[0], context.Rest!, context.User!, cancellationToken);
        return Reply.Json(new ReactionRemovedReply(removed, seqno), CommunityJsonContext.Default.ReactionRemovedReply);
    }

    private static async Task<CommunityResponse> ClearAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (await Require.ModeratorAsync(context, cancellationToken) is { } notModerator)
            return notModerator;
        if (await CheckAsync(context, userRequired: true, moderatorRequired: true, cancellationToken) is { } refusal)
            return refusal;
        var (removed, seqno) = await context.Services.Reactions.ClearAsync(context.Room.Id, context.Numbers[0], context.Rest, cancellationToken);
        return Reply.Json(new ReactionsClearedReply(removed, seqno), CommunityJsonContext.Default.ReactionsClearedReply);
    }

    private static async Task<CommunityResponse> ReactorsAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (await Require.ReadAsync(context, cancellationToken) is { } unreadable)
            return unreadable;
        if (QueryParameters.Integer(context.Request, "limit", 0) is not { } limit)
            return Reply.Status(400);
        if (await CheckAsync(context, userRequired: false, moderatorRequired: false, cancellationToken) is { } refusal)
            return refusal;
        var reactors = await context.Services.Reactions.ReactorsAsync(context.Numbers[0], context.Rest!, limit > 0 ? limit : null, cancellationToken);
        return Reply.Json<IReadOnlyList<Reactor>>(reactors, CommunityJsonContext.Default.IReadOnlyListReactor);
    }

    /// <summary>pysogs's <c>_check_reaction_request</c>.</summary>
    private static async Task<CommunityResponse?> CheckAsync(RouteContext context, bool userRequired, bool moderatorRequired, CancellationToken cancellationToken)
    {
        var reaction = context.Rest;
        if (reaction is not null)
        {
            // Python's len(): code points.
            if (reaction.EnumerateRunes().Count() is < 1 or > Limits.MaxReactionCodepoints)
                return ModelErrors.InvalidData();
        }
        else if (!moderatorRequired)
        {
            return ModelErrors.InvalidData();
        }
        if (userRequired && context.User is null)
            return ModelErrors.PermissionDenied();
        var permissions = await context.Services.Permissions.ForAsync(context.Room, context.User, cancellationToken);
        if (!(moderatorRequired ? permissions.Moderator : permissions.CanRead))
            return ModelErrors.PermissionDenied();
        return await context.Services.Reactions.IsRegularMessageAsync(context.Room.Id, context.Numbers[0], cancellationToken)
            ? null
            : ModelErrors.NoSuchPost(context.Numbers[0]);
    }
}
