using System.Text.Json;
using Wisp.Community.Admin;
using Wisp.Community.Api;
using Wisp.Community.Auth;
using Wisp.Community.Users;
using Wisp.Protocol.Community;

namespace Wisp.Community.Rooms;

/// <summary>
/// A room's per-user rights, for its moderators, as pysogs's <c>routes/rooms.py</c> serves them:
/// <c>GET /room/{token}/permissions</c> (and <c>/{session_id}</c>), <c>POST /room/{token}/permissions/{session_id}</c>,
/// <c>GET /room/{token}/futurePermissions</c> (and <c>/{session_id}</c>) and
/// <c>POST /room/{token}/futurePermissions/{session_id}</c>. The expiry sweep applies the scheduled changes.
/// </summary>
internal sealed class PermissionRoutes : IRouteGroup
{
    public void Map(RouteTable routes)
    {
        routes.Get("/room/{room}/permissions", ListAsync);
        routes.Get("/room/{room}/permissions/{word}", UserAsync);
        routes.Post("/room/{room}/permissions/{word}", SetAsync);
        routes.Get("/room/{room}/futurePermissions", FuturesAsync);
        routes.Get("/room/{room}/futurePermissions/{word}", UserFuturesAsync);
        routes.Post("/room/{room}/futurePermissions/{word}", ScheduleAsync);
    }

    private static async Task<CommunityResponse> ListAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (await Require.ModeratorAsync(context, cancellationToken) is { } refusal)
            return refusal;
        await using var connection = context.Services.Database.Open();
        return Reply.Json(await PermissionOverrides.ListAsync(connection, context.Room.Id, cancellationToken),
            CommunityPermissionJsonContext.Default.IReadOnlyDictionaryStringPermissionOverride);
    }

    private static async Task<CommunityResponse> UserAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (await GuardAsync(context, cancellationToken) is { } refusal)
            return refusal;
        var target = await TargetAsync(context, cancellationToken);
        return await RightsReplyAsync(context, target.Id, cancellationToken);
    }

    private static async Task<CommunityResponse> FuturesAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (await Require.ModeratorAsync(context, cancellationToken) is { } refusal)
            return refusal;
        return await FuturesReplyAsync(context, null, cancellationToken);
    }

    private static async Task<CommunityResponse> UserFuturesAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (await GuardAsync(context, cancellationToken) is { } refusal)
            return refusal;
        var target = await TargetAsync(context, cancellationToken);
        return await FuturesReplyAsync(context, target.Id, cancellationToken);
    }

    /// <summary>Sets or hands back to the default each named right; clears their scheduled changes unless <c>unschedule: false</c>.</summary>
    private static async Task<CommunityResponse> SetAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (await GuardAsync(context, cancellationToken) is { } refusal)
            return refusal;
        var target = await TargetAsync(context, cancellationToken);
        if (Access.JsonObjectBody(context) is not { } body)
            return Reply.Status(400);
        var rights = new Dictionary<string, bool?>();
        foreach (var name in PermissionOverrides.Settable)
        {
            var value = Access.OptionalFlag(body, name);
            var toDefault = body.TryGetProperty("default_" + name, out var flag) && Access.Truthy(flag);
            if (value is not null && toDefault)
                return Reply.Status(400); // a right and its default at once
            if (value is not null || toDefault)
                rights[name] = value;
        }
        if (rights.Count == 0)
            return Reply.Status(400);
        var unschedule = !(body.TryGetProperty("unschedule", out var keep) && keep.ValueKind == JsonValueKind.False);
        var roomId = context.Room.Id;
        await context.Services.Database.WriteAsync(async (_, transaction) =>
        {
            if (unschedule)
                await PermissionOverrides.ClearFuturesAsync(transaction, roomId, target.Id, rights.Keys, cancellationToken);
            await PermissionOverrides.SetAsync(transaction, roomId, target.Id, rights, cancellationToken);
            return true;
        }, cancellationToken);
        return await RightsReplyAsync(context, target.Id, cancellationToken);
    }

    /// <summary>Schedules read/write/upload to be set <c>in</c> seconds from now; answers the user's scheduled changes.</summary>
    private static async Task<CommunityResponse> ScheduleAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (await GuardAsync(context, cancellationToken) is { } refusal)
            return refusal;
        var target = await TargetAsync(context, cancellationToken);
        if (Access.JsonObjectBody(context) is not { } body)
            return Reply.Status(400);
        var (read, write, upload) = (Access.OptionalFlag(body, "read"), Access.OptionalFlag(body, "write"), Access.OptionalFlag(body, "upload"));
        if (read is null && write is null && upload is null)
            return Reply.Status(400);
        if (!body.TryGetProperty("in", out var delay) || delay.ValueKind != JsonValueKind.Number || !delay.TryGetDouble(out var seconds)
            || seconds is not (> 0 and < Limits.MaxFuturePermissionDelaySeconds))
            return Reply.Status(400);
        var (roomId, at) = (context.Room.Id, context.Services.Now() + seconds);
        await context.Services.Database.WriteAsync(async (_, transaction) =>
        {
            await PermissionOverrides.AddFutureAsync(transaction, roomId, target.Id, at, read, write, upload, cancellationToken);
            return true;
        }, cancellationToken);
        return await FuturesReplyAsync(context, target.Id, cancellationToken);
    }

    // pysogs's order: the Session ID converter (404), then mod_required (401, 403).
    private static async Task<CommunityResponse?> GuardAsync(RouteContext context, CancellationToken cancellationToken) =>
        SessionIds.IsAny(context.Words[0]) ? await Require.ModeratorAsync(context, cancellationToken) : Reply.Status(404);

    // pysogs's try_blinding: with blinded keys required, an Account ID names the blinded user it is known as, if any.
    private static async Task<CommunityUser> TargetAsync(RouteContext context, CancellationToken cancellationToken)
    {
        var id = SessionIds.Normal(context.Words[0]);
        if (!SessionIds.IsBlinded(id) && context.Services.Options.RequireBlindKeys
            && await AdminIds.KnownAsync(context.Services, id, cancellationToken) is { } known)
            return known;
        return await context.Services.Users.GetOrCreateAsync(id, cancellationToken);
    }

    private static async Task<CommunityResponse> RightsReplyAsync(RouteContext context, long userId, CancellationToken cancellationToken)
    {
        await using var connection = context.Services.Database.Open();
        return Reply.Json(await PermissionOverrides.ForUserAsync(connection, context.Room.Id, userId, cancellationToken),
            CommunityPermissionJsonContext.Default.PermissionOverride);
    }

    private static async Task<CommunityResponse> FuturesReplyAsync(RouteContext context, long? userId, CancellationToken cancellationToken)
    {
        await using var connection = context.Services.Database.Open();
        return Reply.Json(await PermissionOverrides.FuturesAsync(connection, context.Room.Id, userId, cancellationToken),
            CommunityPermissionJsonContext.Default.IReadOnlyListFuturePermission);
    }
}
