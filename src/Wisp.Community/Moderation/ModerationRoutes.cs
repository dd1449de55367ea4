using System.Text.Json;
using Wisp.Community.Api;
using Wisp.Community.Auth;
using Wisp.Community.Rooms;
using Wisp.Community.Users;
using Wisp.Protocol.Community;

namespace Wisp.Community.Moderation;

/// <summary>
/// <c>POST /user/{id}/moderator</c>, <c>/ban</c> and <c>/unban</c>, room-wide or global, as pysogs's
/// <c>routes/users.py</c> answers them.
/// </summary>
internal sealed class ModerationRoutes : IRouteGroup
{
    public void Map(RouteTable routes)
    {
        routes.Post("/user/{word}/moderator", SetModeratorAsync);
        routes.Post("/user/{word}/ban", BanAsync);
        routes.Post("/user/{word}/unban", UnbanAsync);
    }

    private static async Task<CommunityResponse> SetModeratorAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (!SessionIds.IsAny(context.Words[0]))
            return Reply.Status(404);
        if (Require.User(context) is { } unsigned)
            return unsigned;
        var target = await context.Services.Users.GetOrCreateAsync(SessionIds.Normal(context.Words[0]), cancellationToken);
        if (Access.JsonObjectBody(context) is not { } body)
            return Reply.Status(400);
        var (rooms, refusal) = await TargetRooms.ResolveAsync(context, body, needAdmin: true, cancellationToken);
        if (refusal is not null)
            return refusal;

        var (moderator, admin, visible) = (Access.OptionalFlag(body, "moderator"), Access.OptionalFlag(body, "admin"), Access.OptionalFlag(body, "visible"));
        switch (admin, moderator)
        {
            case (null, null):
            case (true, false):
                return Reply.Status(400);
            case (true, true):
                moderator = null; // admin implies moderator
                break;
            case (false, false):
                admin = null; // no moderator implies no admin
                break;
        }

        var global = rooms!.Count == 0;
        var roomIds = rooms.Select(room => room.Id).ToList();
        var updates = await context.Services.Database.WriteAsync(async (_, transaction) =>
        {
            var show = visible ?? !global;
            if (global)
            {
                if (admin is false)
                    await ModeratorWrites.RemoveGlobalAsync(transaction, target.Id, adminOnly: true, cancellationToken);
                if (moderator is false)
                    await ModeratorWrites.RemoveGlobalAsync(transaction, target.Id, adminOnly: false, cancellationToken);
                else if (admin is true || moderator is true)
                    await ModeratorWrites.SetGlobalAsync(transaction, target.Id, admin is true ? true : admin is false ? false : null, show, cancellationToken);
            }
            else
            {
                foreach (var id in roomIds)
                {
                    if (admin is false)
                        await ModeratorWrites.RemoveRoomAsync(transaction, id, target.Id, adminOnly: true, cancellationToken);
                    if (moderator is false)
                        await ModeratorWrites.RemoveRoomAsync(transaction, id, target.Id, adminOnly: false, cancellationToken);
                    else if (admin is true || moderator is true)
                        await ModeratorWrites.SetRoomAsync(transaction, id, target.Id, admin is true ? true : admin is false ? false : null, show, cancellationToken);
                }
            }
            return await ModeratorWrites.InfoUpdatesAsync(transaction, global ? null : roomIds, cancellationToken);
        }, cancellationToken);
        return Reply.Json(new InfoUpdates(updates), CommunityModerationJsonContext.Default.InfoUpdates);
    }

    private static async Task<CommunityResponse> BanAsync(RouteContext context, CancellationToken cancellationToken)
    {
        var (target, body, rooms, refusal) = await PrepareAsync(context, cancellationToken);
        if (refusal is not null)
            return refusal;
        double? timeout = null;
        if (body.TryGetProperty("timeout", out var value) && value.ValueKind != JsonValueKind.Null)
        {
            if (value.ValueKind != JsonValueKind.Number || !double.IsFinite(value.GetDouble()))
                return Reply.Status(400);
            timeout = value.GetDouble();
        }
        var user = context.User!;
        if (rooms!.Count == 0)
        {
            if (target!.Moderator)
                return ModelErrors.PermissionDenied();
        }
        else
        {
            foreach (var room in rooms)
            {
                if (!await ModerationRules.MayBanAsync(context.Services, room, user, target!, cancellationToken))
                    return ModelErrors.PermissionDenied();
            }
        }
        var now = context.Services.Now();
        await context.Services.Database.WriteAsync(async (_, transaction) =>
        {
            if (rooms.Count == 0)
                await BanWrites.BanGlobalAsync(transaction, target!.Id, timeout, now, cancellationToken);
            foreach (var room in rooms)
                await BanWrites.BanRoomAsync(transaction, room.Id, target!.Id, timeout, now, cancellationToken);
            return true;
        }, cancellationToken);
        return Reply.EmptyObject();
    }

    private static async Task<CommunityResponse> UnbanAsync(RouteContext context, CancellationToken cancellationToken)
    {
        var (target, _, rooms, refusal) = await PrepareAsync(context, cancellationToken);
        if (refusal is not null)
            return refusal;
        await context.Services.Database.WriteAsync(async (_, transaction) =>
        {
            if (rooms!.Count == 0)
                await BanWrites.UnbanGlobalAsync(transaction, target!.Id, cancellationToken);
            foreach (var room in rooms)
                await BanWrites.UnbanRoomAsync(transaction, room.Id, target!.Id, cancellationToken);
            return true;
        }, cancellationToken);
        return Reply.EmptyObject();
    }

    // The steps ban and unban share, in pysogs's order: path, signature, target user, body, rooms.
    private static async Task<(CommunityUser? Target, JsonElement Body, IReadOnlyList<Room>? Rooms, CommunityResponse? Refusal)> PrepareAsync(
        RouteContext context, CancellationToken cancellationToken)
    {
        if (!SessionIds.IsAny(context.Words[0]))
            return (null, default, null, Reply.Status(404));
        if (Require.User(context) is { } unsigned)
            return (null, default, null, unsigned);
        var target = await context.Services.Users.GetOrCreateAsync(SessionIds.Normal(context.Words[0]), cancellationToken);
        if (Access.JsonObjectBody(context) is not { } body)
            return (null, default, null, Reply.Status(400));
        var (rooms, refusal) = await TargetRooms.ResolveAsync(context, body, needAdmin: false, cancellationToken);
        return (target, body, rooms, refusal);
    }
}
