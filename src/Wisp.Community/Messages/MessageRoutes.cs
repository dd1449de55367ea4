using System.Text.Json;
using Wisp.Community.Api;
using Wisp.Community.Auth;
using Wisp.Community.Rooms;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Community;

namespace Wisp.Community.Messages;

/// <summary>
/// Reading (<c>since</c>, <c>before</c>, <c>recent</c>, one message), posting, editing and deleting messages, as
/// pysogs's <c>routes/messages.py</c>.
/// </summary>
internal sealed class MessageRoutes : IRouteGroup
{
    public void Map(RouteTable routes)
    {
        routes.Get("/room/{room}/messages/since/{int}", (context, token) =>
            ReadAsync(context, new MessageQuery.Since(context.Numbers[0], (context.Request.QueryValue("t") ?? "").Contains('r', StringComparison.Ordinal)), token));
        routes.Get("/room/{room}/messages/before/{int}", (context, token) => ReadAsync(context, new MessageQuery.Before(context.Numbers[0]), token));
        routes.Get("/room/{room}/messages/recent", (context, token) => ReadAsync(context, new MessageQuery.Recent(), token));
        routes.Get("/room/{room}/message/{int}", (context, token) => ReadAsync(context, new MessageQuery.Single(context.Numbers[0]), token));
        routes.Post("/room/{room}/message", PostAsync);
        routes.Put("/room/{room}/message/{int}", EditAsync);
        routes.Delete("/room/{room}/message/{int}", DeleteAsync);
    }

    private static async Task<CommunityResponse> ReadAsync(RouteContext context, MessageQuery query, CancellationToken cancellationToken)
    {
        if (await Require.ReadAsync(context, cancellationToken) is { } refusal)
            return refusal;
        await RoomDetails.TouchAsync(context.Services, context.Room, context.User, cancellationToken);
        var limit = query is MessageQuery.Single ? 1 : QueryParameters.Integer(context.Request, "limit", Limits.DefaultMessagePage, 1, Limits.MaxMessagePage);
        var reactors = QueryParameters.Integer(context.Request, "reactors", Limits.DefaultReactors, 0, Limits.MaxReactors);
        if (limit is null || reactors is null)
            return Reply.Status(400);
        var permissions = await context.Services.Permissions.ForAsync(context.Room, context.User, cancellationToken);
        var messages = await context.Services.Messages.ReadAsync(
            context.Room, context.User, permissions.Moderator, query, (int)limit, (int)reactors, cancellationToken);
        if (query is MessageQuery.Single)
        {
            return messages.Count == 0
                ? Reply.Status(404)
                : Reply.Json(messages[0], CommunityJsonContext.Default.CommunityMessage);
        }
        return Reply.Json<IReadOnlyList<CommunityMessage>>(messages, CommunityJsonContext.Default.IReadOnlyListCommunityMessage);
    }

    private static async Task<CommunityResponse> PostAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (Require.User(context) is { } refusal)
            return refusal;
        if (ParseBody(context) is not { } body)
            return Reply.Status(400);
        var (services, room, user) = (context.Services, context.Room, context.User!);
        var permissions = await services.Permissions.ForAsync(room, user, cancellationToken);
        if (!permissions.CanWrite)
            return ModelErrors.PermissionDenied();
        if (Decode(body, user) is not { } decoded)
            return ModelErrors.InvalidData();
        if (decoded.BadSignature)
            return Reply.Text(400, "Invalid message signature");
        if ((body.WhisperTo is { Length: > 0 } || body.WhisperMods) && !permissions.Moderator)
            return ModelErrors.PermissionDenied();
        CommunityUser? whisperTo = null;
        if (body.WhisperTo is { Length: > 0 } target)
        {
            if (!SessionIds.IsValid(target))
                return ModelErrors.InvalidData();
            whisperTo = await services.Users.GetOrCreateAsync(target.ToLowerInvariant(), cancellationToken);
        }
        var message = await services.Writer.PostAsync(room, user, !permissions.Admin, decoded.Data, decoded.Signature, whisperTo, body.WhisperMods, cancellationToken);
        if (message is not null && body.Files is { Count: > 0 } files) // the post claims its uploads (pysogs's _own_files)
            await services.RoomFiles.ClaimAsync(room.Id, message.Id, user.Id, [.. files], services.Now(), cancellationToken);
        return message is null ? ModelErrors.RateLimited() : Reply.Json(message, CommunityJsonContext.Default.CommunityMessage, 201);
    }

    private static async Task<CommunityResponse> EditAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (Require.User(context) is { } refusal)
            return refusal;
        if (ParseBody(context) is not { } body)
            return Reply.Status(400);
        var (services, room, user) = (context.Services, context.Room, context.User!);
        if (!(await services.Permissions.ForAsync(room, user, cancellationToken)).CanWrite)
            return ModelErrors.PermissionDenied();
        if (Decode(body, user) is not { } decoded)
            return ModelErrors.InvalidData();
        if (decoded.BadSignature)
            return Reply.Text(400, "Invalid message signature");
        var id = context.Numbers[0];
        var outcome = await services.Writer.EditAsync(room, user, id, decoded.Data, decoded.Signature, cancellationToken);
        if (outcome == WriteOutcome.Done && body.Files is { Count: > 0 } files) // an edit claims its uploads too
            await services.RoomFiles.ClaimAsync(room.Id, id, user.Id, [.. files], services.Now(), cancellationToken);
        return outcome switch
        {
            WriteOutcome.NoSuchPost => ModelErrors.NoSuchPost(id),
            WriteOutcome.NotAllowed => ModelErrors.PermissionDenied(),
            _ => Reply.EmptyObject(),
        };
    }

    private static async Task<CommunityResponse> DeleteAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (Require.User(context) is { } refusal)
            return refusal;
        var (services, room, user) = (context.Services, context.Room, context.User!);
        var permissions = await services.Permissions.ForAsync(room, user, cancellationToken);
        if (!permissions.CanWrite)
            return Reply.Status(403);
        var deleted = await services.Writer.DeleteAsync(room, user, permissions.Moderator, [context.Numbers[0]], cancellationToken);
        return deleted switch
        {
            null => ModelErrors.PermissionDenied(),
            { Count: 0 } => Reply.Status(404),
            _ => Reply.EmptyObject(),
        };
    }

    private static PostMessageRequest? ParseBody(RouteContext context)
    {
        try
        {
            return JsonSerializer.Deserialize(context.Request.Body.Span, CommunityJsonContext.Default.PostMessageRequest);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Decoded(byte[] Data, byte[] Signature, bool BadSignature);

    /// <summary>
    /// The data and signature (base64, padded or not): null when either is missing, not base64, too long, or the
    /// signature is not 64 bytes (pysogs's InvalidData). A blinded poster's signature must verify with their key over
    /// the padded data, as Session signs it; pysogs does not check it.
    /// </summary>
    private static Decoded? Decode(PostMessageRequest body, CommunityUser user)
    {
        if (body.Data is null || body.Signature is null)
            return null;
        var data = SogsHeaders.DecodeBase64(body.Data);
        var signature = SogsHeaders.DecodeBase64(body.Signature);
        if (data is null || signature is not { Length: 64 } || data.Length > Limits.MaxMessageDataBytes)
            return null;
        var key = user.SigningKey;
        var bad = key is not null && !Ed25519.Verify(key, data, signature);
        return new Decoded(data, signature, bad);
    }
}

/// <summary>Session IDs as routes accept them: 66 hex characters, prefix 05, 15 or 25.</summary>
internal static class SessionIds
{
    public static bool IsValid(string id) =>
        id.Length == 66 && id.All(char.IsAsciiHexDigit) && (id.StartsWith("05", StringComparison.Ordinal) || id.StartsWith("15", StringComparison.Ordinal) || id.StartsWith("25", StringComparison.Ordinal));
}
