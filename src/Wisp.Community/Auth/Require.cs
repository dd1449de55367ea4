using Wisp.Community.Api;

namespace Wisp.Community.Auth;

/// <summary>
/// pysogs's route guards (<c>user_required</c>, <c>blind_user_required</c>, <c>read_required</c>,
/// <c>accessible_required</c>, <c>mod_required</c>, <c>admin_required</c>) with their statuses and words. Each returns
/// the refusal to answer, or null when the request may go on.
/// </summary>
internal static class Require
{
    /// <summary>401 unless the request was signed.</summary>
    public static CommunityResponse? User(RouteContext context) =>
        context.User is null ? Reply.Text(401, "X-SOGS-* request authentication required") : null;

    /// <summary>401 unless the request was signed with a blinded key.</summary>
    public static CommunityResponse? BlindUser(RouteContext context) =>
        User(context) ?? (context.User!.IsBlinded ? null : Reply.Text(401, "This endpoint requires blinded pubkeys be used"));

    /// <summary>403 unless the user (or an anonymous reader, by the room's defaults) may read the room.</summary>
    public static async Task<CommunityResponse?> ReadAsync(RouteContext context, CancellationToken cancellationToken) =>
        (await context.Services.Permissions.ForAsync(context.Room, context.User, cancellationToken)).CanRead
            ? null
            : Reply.Text(403, "This endpoint requires room message 'read' permission");

    /// <summary>404 (as if the room did not exist) unless the user may see the room.</summary>
    public static async Task<CommunityResponse?> AccessibleAsync(RouteContext context, CancellationToken cancellationToken) =>
        (await context.Services.Permissions.ForAsync(context.Room, context.User, cancellationToken)).CanAccess ? null : Reply.Status(404);

    /// <summary>401 without a user; 403 unless a moderator (or admin) of the room.</summary>
    public static Task<CommunityResponse?> ModeratorAsync(RouteContext context, CancellationToken cancellationToken) =>
        RoleAsync(context, admin: false, cancellationToken);

    /// <summary>401 without a user; 403 unless an admin of the room.</summary>
    public static Task<CommunityResponse?> AdminAsync(RouteContext context, CancellationToken cancellationToken) =>
        RoleAsync(context, admin: true, cancellationToken);

    private static async Task<CommunityResponse?> RoleAsync(RouteContext context, bool admin, CancellationToken cancellationToken)
    {
        if (User(context) is { } refusal)
            return refusal;
        var permissions = await context.Services.Permissions.ForAsync(context.Room, context.User, cancellationToken);
        return (admin ? permissions.Admin : permissions.Moderator)
            ? null
            : Reply.Text(403, $"This endpoint requires {(admin ? "admin" : "moderator")} room permissions");
    }
}

/// <summary>pysogs's model errors as their route answers (<c>routes/exc.py</c>).</summary>
internal static class ModelErrors
{
    /// <summary><c>BadPermission</c>: 403 <c>Permission denied</c>.</summary>
    public static CommunityResponse PermissionDenied() => Reply.Text(403, "Permission denied");

    /// <summary><c>InvalidData</c>: 400 with an empty body (the exception has no message).</summary>
    public static CommunityResponse InvalidData() => Reply.Text(400, "");

    /// <summary><c>NoSuchPost</c>: 404 <c>No such post: {id}</c>.</summary>
    public static CommunityResponse NoSuchPost(long id) => Reply.Text(404, $"No such post: {id}");

    /// <summary><c>PostRateLimited</c>: 429 <c>Rate limited</c>.</summary>
    public static CommunityResponse RateLimited() => Reply.Text(429, "Rate limited");
}
