using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wisp.Client;
using Wisp.Client.Communities;
using Wisp.Web.Session;

namespace Wisp.Web.Api;

/// <summary>
/// Communities (issue 14): joining by URL, the joined rooms, a room's messages (post, reply, react, delete), moderators'
/// delete and ban, and blinded DMs. Every route checks what it is given here (the room's web id, message ids, blinded
/// IDs, lengths) and hands the rest to the SDK's communities (<see cref="CommunityCalls"/>).
/// </summary>
internal static class CommunityEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/communities", (WebSession session) => ConversationEndpoints.WithClient(session, CommunityCalls.List));
        api.MapPost("/communities", JoinAsync);
        api.MapGet("/communities/dms", (WebSession session) => ConversationEndpoints.WithClient(session, CommunityCalls.Threads));
        api.MapGet("/communities/{id}", (string id, WebSession session) => WithRoom(session, id, (client, room) => ApiResults.Ok(CommunityViews.Room(client, room))));
        api.MapDelete("/communities/{id}", (string id, WebSession session) => WithRoom(session, id, CommunityCalls.Leave));
        api.MapGet("/communities/{id}/messages", (HttpContext context, string id, WebSession session) => WithRoom(session, id, (client, room) =>
            TryLimit(context, out var limit, out var error) ? CommunityCalls.History(client, room, limit) : error));
        api.MapPost("/communities/{id}/messages", PostAsync);
        // The SDK keeps no read marks for rooms yet: nothing to mark (unread is always 0).
        api.MapPost("/communities/{id}/read", (string id, WebSession session) => WithRoom(session, id, (_, _) => ApiResults.Ok(new { count = 0 })));
        api.MapPost("/communities/{id}/messages/{message}/reactions", ReactAsync);
        api.MapDelete("/communities/{id}/messages/{message}", (HttpContext context, string id, string message, WebSession session) =>
            WithMessageAsync(session, id, message, (client, room, found) => CommunityCalls.DeleteAsync(client, room, found, context.RequestAborted)));
        api.MapPost("/communities/{id}/bans", BanAsync);
        api.MapGet("/communities/{id}/dms/{member}/messages", (HttpContext context, string id, string member, WebSession session) =>
            WithRoom(session, id, (client, room) =>
            {
                if (!TryMember(member, out var blinded, out var error) || !TryLimit(context, out var limit, out error))
                    return error;
                return CommunityCalls.DmHistory(client, room, blinded, limit);
            }));
        api.MapPost("/communities/{id}/dms/{member}/messages", SendDmAsync);
        api.MapPost("/communities/{id}/dms/{member}/read", (string id, string member, WebSession session) => WithRoom(session, id, (_, _) =>
            TryMember(member, out _, out var error) ? ApiResults.Ok(new { count = 0 }) : error));
    }

    private static async Task<IResult> JoinAsync(HttpContext context, WebSession session)
    {
        if (session.Client is not { } client)
            return ApiResults.Locked();
        var (request, error) = await ApiResults.ReadAsync<JoinRequest>(context);
        if (request is null)
            return error!;
        if (!CommunityUrl.TryParse(request.Url.Trim(), out _, out var problem))
            return ApiResults.BadRequest(problem);
        return await CommunityCalls.JoinAsync(client, request.Url.Trim(), context.RequestAborted);
    }

    private static Task<IResult> PostAsync(HttpContext context, string id, WebSession session) => WithRoomAsync(session, id, async (client, room) =>
    {
        var (request, error) = await ApiResults.ReadAsync<PostRequest>(context);
        if (request is null)
            return error!;
        if (TextProblem(request.Text) is { } problem)
            return ApiResults.BadRequest(problem);
        long? replyTo = null;
        if (request.ReplyTo is { } replyText)
        {
            if (!TryMessageId(replyText, out var quoted, out error))
                return error;
            replyTo = quoted;
        }
        return await CommunityCalls.PostAsync(client, room, request.Text, replyTo, context.RequestAborted);
    });

    private static Task<IResult> ReactAsync(HttpContext context, string id, string message, WebSession session) =>
        WithMessageAsync(session, id, message, async (client, room, found) =>
        {
            var (request, error) = await ApiResults.ReadAsync<ReactionRequest>(context);
            if (request is null)
                return error!;
            var emoji = request.Emoji.Trim();
            if (emoji.Length == 0)
                return ApiResults.BadRequest("name the emoji to react with.");
            if (emoji.EnumerateRunes().Count() > WebLimits.MaxReactionLength)
                return ApiResults.BadRequest($"a reaction is one emoji: at most {WebLimits.MaxReactionLength} Unicode code points.");
            return await CommunityCalls.ReactAsync(client, room, found, emoji, request.Remove, context.RequestAborted);
        });

    private static Task<IResult> BanAsync(HttpContext context, string id, WebSession session) => WithRoomAsync(session, id, async (client, room) =>
    {
        var (request, error) = await ApiResults.ReadAsync<BanRequest>(context);
        if (request is null)
            return error!;
        if (!TryMember(request.Member, out var member, out error))
            return error;
        if (request.Seconds is { } seconds && seconds is < 1 or > WebLimits.MaxBanSeconds)
            return ApiResults.BadRequest($"seconds is from 1 to {WebLimits.MaxBanSeconds} (ten years), or null for a ban until lifted.");
        return await CommunityCalls.BanAsync(client, room, member, request.Seconds is { } s ? TimeSpan.FromSeconds(s) : null, context.RequestAborted);
    });

    private static Task<IResult> SendDmAsync(HttpContext context, string id, string member, WebSession session) => WithRoomAsync(session, id, async (client, room) =>
    {
        if (!TryMember(member, out var blinded, out var error))
            return error;
        var (request, readError) = await ApiResults.ReadAsync<DmRequest>(context);
        if (request is null)
            return readError!;
        if (TextProblem(request.Text) is { } problem)
            return ApiResults.BadRequest(problem);
        if (request.ReplyTo is not null)
            return ApiResults.BadRequest("replies in a private message are not supported; send it without reply_to.");
        return await CommunityCalls.SendDmAsync(client, room, blinded, request.Text, context.RequestAborted);
    });

    private static IResult WithRoom(WebSession session, string id, Func<WispClient, CommunityRoomView, IResult> action)
    {
        if (session.Client is not { } client)
            return ApiResults.Locked();
        return TryRoom(client, id, out var room, out var error) ? action(client, room) : error;
    }

    private static Task<IResult> WithRoomAsync(WebSession session, string id, Func<WispClient, CommunityRoomView, Task<IResult>> action)
    {
        if (session.Client is not { } client)
            return Task.FromResult(ApiResults.Locked());
        return TryRoom(client, id, out var room, out var error) ? action(client, room) : Task.FromResult(error);
    }

    private static Task<IResult> WithMessageAsync(
        WebSession session, string id, string message, Func<WispClient, CommunityRoomView, CommunityMessageView, Task<IResult>> action) =>
        WithRoomAsync(session, id, (client, room) =>
        {
            if (!TryMessageId(message, out var messageId, out var error))
                return Task.FromResult(error);
            return CommunityCalls.Find(client, room, messageId) is { } found
                ? action(client, room, found)
                : Task.FromResult(ApiResults.NotFound($"there is no message {messageId} in {room.Name ?? room.Token} (not fetched yet, or deleted)."));
        });

    /// <summary>A joined room by its web id (token@host:port); else a 400 for a malformed one or a 404 for one not joined.</summary>
    private static bool TryRoom(WispClient client, string id, [NotNullWhen(true)] out CommunityRoomView? room, [NotNullWhen(false)] out IResult? error)
    {
        room = null;
        var at = id.IndexOf('@', StringComparison.Ordinal);
        if (at < 1 || at == id.Length - 1)
        {
            error = ApiResults.BadRequest($"'{Shorten(id)}' is not a community room: a room is named token@host:port, as GET /api/communities lists them.");
            return false;
        }
        room = client.Communities.List().FirstOrDefault(r => string.Equals(CommunityViews.WebId(r), id, StringComparison.OrdinalIgnoreCase));
        error = room is null ? ApiResults.NotFound($"you have not joined {Shorten(id)}: join it with its URL first.") : null;
        return room is not null;
    }

    /// <summary>A member named as the community shows them: a blinded ID (15 or 25, then 64 hex), or 05… where the server shows it unblinded.</summary>
    private static bool TryMember(string text, [NotNullWhen(true)] out string? member, [NotNullWhen(false)] out IResult? error)
    {
        var id = text.Trim().ToLowerInvariant();
        string? problem = null;
        if (id.Length != 66)
            problem = $"'{Shorten(id)}' is not a member's ID: a blinded ID has 66 hex characters, 15 or 25 followed by 64; this one has {id.Length}.";
        else if (!id.StartsWith("15", StringComparison.Ordinal) && !id.StartsWith("25", StringComparison.Ordinal) && !id.StartsWith("05", StringComparison.Ordinal))
            problem = $"'{Shorten(id)}' is not a member's ID: a blinded ID starts with 15 or 25.";
        else if (!id.All(char.IsAsciiHexDigit))
            problem = $"'{Shorten(id)}' is not a member's ID: it holds a character that is not 0-9 or a-f.";
        member = problem is null ? id : null;
        error = problem is null ? null : ApiResults.BadRequest(problem);
        return problem is null;
    }

    private static bool TryMessageId(string text, out long id, [NotNullWhen(false)] out IResult? error)
    {
        error = long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id) && id > 0
            ? null
            : ApiResults.BadRequest($"'{Shorten(text)}' is not a community message id: those are whole numbers from 1.");
        return error is null;
    }

    private static bool TryLimit(HttpContext context, out int limit, [NotNullWhen(false)] out IResult? error)
    {
        var limitText = context.Request.Query["limit"].ToString();
        limit = 100;
        error = limitText.Length > 0 && (!int.TryParse(limitText, out limit) || limit is < 1 or > WebLimits.MaxHistory)
            ? ApiResults.BadRequest($"limit is a whole number from 1 to {WebLimits.MaxHistory}; got '{limitText}'.")
            : null;
        return error is null;
    }

    private static string? TextProblem(string text) =>
        string.IsNullOrWhiteSpace(text) ? "a message needs some text."
        : text.Length > WebLimits.MaxCommunityTextLength ? $"a community message has at most {WebLimits.MaxCommunityTextLength} characters; this one has {text.Length}."
        : null;

    private static string Shorten(string text) => text.Length > 40 ? $"{text[..20]}…{text[^8..]}" : text;

    private sealed record JoinRequest(string Url);

    private sealed record PostRequest(string Text, string? ReplyTo = null);

    private sealed record ReactionRequest(string Emoji, bool Remove = false);

    private sealed record BanRequest(string Member, long? Seconds = null);

    private sealed record DmRequest(string Text, string? ReplyTo = null);
}
