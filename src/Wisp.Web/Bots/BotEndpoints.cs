using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wisp.Web.Api;

namespace Wisp.Web.Bots;

/// <summary>
/// The bot API's HTTP calls (docs/BOTS.md): who the bot is, its rooms, reading, posting, deleting, reacting, banning.
/// Cheap checks first: the body and the parameters, then the room, then the community.
/// </summary>
internal static class BotEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/me", (IBotCommunity community) => ApiResults.Ok(community.Me()));
        api.MapGet("/rooms", async (IBotCommunity community, CancellationToken cancellationToken) =>
            ApiResults.Ok(new BotRoomsJson(await community.RoomsAsync(cancellationToken))));
        api.MapGet("/rooms/{room}", async (string room, IBotCommunity community, CancellationToken cancellationToken) =>
        {
            var (found, error) = await BotRoomLookup.FindAsync(community, room, cancellationToken);
            return error ?? ApiResults.Ok(found);
        });
        api.MapGet("/rooms/{room}/messages", ReadAsync);
        api.MapPost("/rooms/{room}/messages", PostAsync);
        api.MapDelete("/rooms/{room}/messages/{id}", async (string room, string id, IBotCommunity community, CancellationToken cancellationToken) =>
            await WithMessageAsync(community, room, id, cancellationToken, (r, m) => community.DeleteAsync(r, m, cancellationToken), deleted => new { deleted }));
        api.MapPut("/rooms/{room}/messages/{id}/reactions/{emoji}", (string room, string id, string emoji, IBotCommunity community, CancellationToken cancellationToken) =>
            ReactAsync(community, room, id, emoji, add: true, cancellationToken));
        api.MapDelete("/rooms/{room}/messages/{id}/reactions/{emoji}", (string room, string id, string emoji, IBotCommunity community, CancellationToken cancellationToken) =>
            ReactAsync(community, room, id, emoji, add: false, cancellationToken));
        api.MapPost("/rooms/{room}/bans", BanAsync);
        api.MapDelete("/rooms/{room}/bans/{sessionId}", async (string room, string sessionId, IBotCommunity community, CancellationToken cancellationToken) =>
        {
            if (BotChecks.SessionIdProblem(sessionId) is { } problem)
                return ApiResults.BadRequest(problem);
            var (found, error) = await BotRoomLookup.FindAsync(community, room, cancellationToken);
            if (error is not null)
                return error;
            return Answer(await community.UnbanAsync(found!.Id, sessionId, cancellationToken), _ => new { banned = false });
        });
    }

    private static async Task<IResult> ReadAsync(string room, HttpContext context, IBotCommunity community, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        if (!TryQueryNumber(query["since"], -1, 0, long.MaxValue, out var since))
            return ApiResults.BadRequest("since must be a message id (a whole number, 0 or more).");
        if (!TryQueryNumber(query["limit"], BotLimits.DefaultReadLimit, 1, BotLimits.MaxReadLimit, out var limit))
            return ApiResults.BadRequest($"limit must be a whole number from 1 to {BotLimits.MaxReadLimit}.");
        var (found, error) = await BotRoomLookup.FindAsync(community, room, cancellationToken);
        if (error is not null)
            return error;
        return ApiResults.Ok(new BotMessagesJson(await community.MessagesAsync(found!.Id, since < 0 ? null : since, (int)limit, cancellationToken)));
    }

    private static async Task<IResult> PostAsync(string room, HttpContext context, IBotCommunity community, CancellationToken cancellationToken)
    {
        var (body, bad) = await ApiResults.ReadAsync<BotPostRequest>(context);
        if (bad is not null)
            return bad;
        if (BotChecks.TextProblem(body!.Text) is { } problem)
            return ApiResults.BadRequest(problem);
        if (body.ReplyTo is < 1)
            return ApiResults.BadRequest("reply_to must be the id of a message in the room (1 or more), or absent.");
        var (found, error) = await BotRoomLookup.FindAsync(community, room, cancellationToken);
        if (error is not null)
            return error;
        var posted = await community.PostAsync(found!.Id, body.Text, body.ReplyTo, cancellationToken);
        return posted.IsOk
            ? Results.Json(new BotPostedJson(posted.Value!), ApiResults.Json, statusCode: StatusCodes.Status201Created)
            : ApiResults.Error(posted.Status, posted.Error!);
    }

    private static async Task<IResult> ReactAsync(IBotCommunity community, string room, string id, string emoji, bool add, CancellationToken cancellationToken)
    {
        if (BotChecks.EmojiProblem(emoji) is { } problem)
            return ApiResults.BadRequest(problem);
        return await WithMessageAsync(community, room, id, cancellationToken,
            (r, m) => community.ReactAsync(r, m, emoji, add, cancellationToken),
            changed => add ? new { added = changed } : (object)new { removed = changed });
    }

    private static async Task<IResult> BanAsync(string room, HttpContext context, IBotCommunity community, CancellationToken cancellationToken)
    {
        var (body, bad) = await ApiResults.ReadAsync<BotBanRequest>(context);
        if (bad is not null)
            return bad;
        if (BotChecks.SessionIdProblem(body!.SessionId) is { } problem)
            return ApiResults.BadRequest(problem);
        if (body.TimeoutSeconds is < 1 or > BotLimits.MaxBanSeconds)
            return ApiResults.BadRequest($"timeout_seconds must be from 1 to {BotLimits.MaxBanSeconds}, or absent for a ban until unbanned.");
        var (found, error) = await BotRoomLookup.FindAsync(community, room, cancellationToken);
        if (error is not null)
            return error;
        return Answer(await community.BanAsync(found!.Id, body.SessionId, body.TimeoutSeconds, cancellationToken), _ => new { banned = true });
    }

    private static async Task<IResult> WithMessageAsync(
        IBotCommunity community, string room, string id, CancellationToken cancellationToken,
        Func<string, long, Task<BotOutcome<bool>>> call, Func<bool, object> shape)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var messageId) || messageId < 1)
            return ApiResults.BadRequest($"'{(id.Length > 24 ? id[..24] + "…" : id)}' is not a message id: a message id is a whole number, 1 or more.");
        var (found, error) = await BotRoomLookup.FindAsync(community, room, cancellationToken);
        if (error is not null)
            return error;
        return Answer(await call(found!.Id, messageId), shape);
    }

    private static IResult Answer(BotOutcome<bool> outcome, Func<bool, object> shape) =>
        outcome.IsOk ? ApiResults.Ok(shape(outcome.Value)) : ApiResults.Error(outcome.Status, outcome.Error!);

    private static bool TryQueryNumber(Microsoft.Extensions.Primitives.StringValues values, long fallback, long least, long most, out long value)
    {
        value = fallback;
        if (values.Count == 0)
            return true;
        return values.Count == 1 && long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= least && value <= most;
    }
}
