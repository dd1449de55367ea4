using System.Globalization;
using System.Text.Json;
using Wisp.Community.Api;
using Wisp.Community.Auth;
using Wisp.Community.Users;
using Wisp.Protocol.Community;

namespace Wisp.Community.Dms;

/// <summary>
/// Direct messages between blinded IDs, as pysogs's <c>routes/dm.py</c>: <c>GET /inbox</c>, <c>/inbox/since/{id}</c>,
/// <c>/outbox</c>, <c>/outbox/since/{id}</c> (blinded callers only; a poll with nothing new is 304), <c>POST
/// /inbox/{blinded_id}</c> (201; 404 for a recipient the server has never seen or has banned) and <c>DELETE /inbox</c>.
/// </summary>
internal sealed class DmRoutes : IRouteGroup
{
    public void Map(RouteTable routes)
    {
        routes.Get("/outbox", (context, token) => BoxAsync(context, outbox: true, since: null, token));
        routes.Get("/outbox/since/{int}", (context, token) => BoxAsync(context, outbox: true, since: context.Numbers[0], token));
        routes.Get("/inbox", (context, token) => BoxAsync(context, outbox: false, since: null, token));
        routes.Get("/inbox/since/{int}", (context, token) => BoxAsync(context, outbox: false, since: context.Numbers[0], token));
        routes.Post("/inbox/{word}", SendAsync);
        routes.Delete("/inbox", DeleteAsync);
    }

    private static async Task<CommunityResponse> BoxAsync(RouteContext context, bool outbox, long? since, CancellationToken cancellationToken)
    {
        if (Require.BlindUser(context) is { } refused)
            return refused;
        if (Limit(context.Request.QueryValue("limit")) is not { } limit)
            return Reply.Status(400);
        var messages = await Store(context).ListAsync(context.User!.Id, outbox, since, limit, context.Services.Now(), cancellationToken);
        if (messages.Count == 0 && since is not null)
            return new CommunityResponse(304, CommunityResponse.Html, []);
        return Reply.Json(messages, CommunityModerationJsonContext.Default.ListDirectMessage);
    }

    private static async Task<CommunityResponse> SendAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (!SessionIds.IsBlinded(context.Words[0]))
            return Reply.Status(404);
        if (Require.User(context) is { } unsigned)
            return unsigned;
        var recipient = await context.Services.Users.FindAsync(SessionIds.Normal(context.Words[0]), cancellationToken);
        if (recipient is null || recipient.Banned)
            return Reply.Status(404);
        if (Access.JsonObjectBody(context) is not { } body
            || !body.TryGetProperty("message", out var message) || message.ValueKind == JsonValueKind.Null)
            return Reply.Status(400);
        if (message.ValueKind != JsonValueKind.String || Base64(message.GetString()!) is not { } bytes)
            return Reply.Status(400);
        var stored = await Store(context).AddAsync(context.User!.Id, recipient.Id, bytes, context.Services.Now(), cancellationToken);
        return Reply.Json(stored, CommunityModerationJsonContext.Default.DirectMessage, 201);
    }

    private static async Task<CommunityResponse> DeleteAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (Require.BlindUser(context) is { } refused)
            return refused;
        var deleted = await Store(context).DeleteReceivedAsync(context.User!.Id, cancellationToken);
        return Reply.Json(new InboxDeleted(deleted), CommunityModerationJsonContext.Default.InboxDeleted);
    }

    private static DmStore Store(RouteContext context) => context.Services.Dms;

    // pysogs's get_int_param('limit', 100, min=1, max=256, truncate=True): not an integer is a 400; out of range is clamped.
    private static int? Limit(string? text)
    {
        if (text is null)
            return Limits.DefaultMessagePage;
        if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return null;
        return (int)Math.Clamp(value, 1, Limits.MaxMessagePage);
    }

    // pysogs decodes standard or URL-safe base64, padded or not.
    private static byte[]? Base64(string text)
    {
        var normal = text.Trim().Replace('-', '+').Replace('_', '/');
        normal = normal.PadRight(normal.Length + (4 - normal.Length % 4) % 4, '=');
        try
        {
            return Convert.FromBase64String(normal);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
