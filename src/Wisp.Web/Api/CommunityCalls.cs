using Microsoft.AspNetCore.Http;
using Wisp.Client;
using Wisp.Client.Communities;

namespace Wisp.Web.Api;

/// <summary>
/// The community calls of the web API as calls of the SDK's communities (<see cref="WispClient.Communities"/>), after
/// <see cref="CommunityEndpoints"/> checked their input. A moderator's call by a member is a 403 here, before the
/// server is asked; what the community server refuses keeps its status (400, 403, 404), a server not reached is a 503
/// and any other answer of it a 502.
/// </summary>
internal static class CommunityCalls
{
    public static IResult List(WispClient client) =>
        ApiResults.Ok(client.Communities.List().Select(r => CommunityViews.Room(client, r)).ToList());

    /// <summary>Every DM thread, once per community server (DMs belong to the server, not to one of its rooms).</summary>
    public static IResult Threads(WispClient client) =>
        ApiResults.Ok(client.Communities.List()
            .DistinctBy(r => r.BaseUrl, StringComparer.OrdinalIgnoreCase)
            .SelectMany(r => CommunityViews.Threads(client, r))
            .OrderByDescending(t => t.LastMessage?.SentMs ?? 0)
            .ToList());

    public static async Task<IResult> JoinAsync(WispClient client, string url, CancellationToken cancellationToken)
    {
        var joined = await client.Communities.JoinAsync(url, cancellationToken);
        return joined.Ok && joined.Value is { } room ? ApiResults.Ok(CommunityViews.Room(client, room)) : Failed(joined.Error, joined.Status);
    }

    public static IResult Leave(WispClient client, CommunityRoomView room)
    {
        var left = client.Communities.Leave(room.Reference);
        return left.Ok ? Results.NoContent() : Failed(left.Error, left.Status);
    }

    public static IResult History(WispClient client, CommunityRoomView room, int limit) =>
        ApiResults.Ok(client.Communities.History(room.Reference, limit).Select(m => CommunityViews.Message(room, m)).ToList());

    public static CommunityMessageView? Find(WispClient client, CommunityRoomView room, long id) =>
        client.Communities.History(room.Reference, WebLimits.MaxHistory).FirstOrDefault(m => m.Id == id);

    public static async Task<IResult> PostAsync(WispClient client, CommunityRoomView room, string text, long? replyTo, CancellationToken cancellationToken)
    {
        if (!room.Write)
            return ApiResults.Error(StatusCodes.Status403Forbidden, $"{Name(room)} does not let you post.");
        if (replyTo is { } quoted && Find(client, room, quoted) is null)
            return ApiResults.NotFound($"there is no message {quoted} in {Name(room)} to reply to.");
        var posted = replyTo is { } id
            ? await client.Communities.ReplyAsync(room.Reference, id, text, cancellationToken)
            : await client.Communities.PostAsync(room.Reference, text, cancellationToken);
        return posted.Ok && posted.Value is { } message ? ApiResults.Ok(CommunityViews.Message(room, message)) : Failed(posted.Error, posted.Status);
    }

    public static async Task<IResult> ReactAsync(
        WispClient client, CommunityRoomView room, CommunityMessageView message, string emoji, bool remove, CancellationToken cancellationToken)
    {
        var done = remove
            ? await client.Communities.UnreactAsync(room.Reference, message.Id, emoji, cancellationToken)
            : await client.Communities.ReactAsync(room.Reference, message.Id, emoji, cancellationToken);
        return done.Ok ? Results.NoContent() : Failed(done.Error, done.Status);
    }

    /// <summary>One's own message, or anyone's for a moderator.</summary>
    public static async Task<IResult> DeleteAsync(WispClient client, CommunityRoomView room, CommunityMessageView message, CancellationToken cancellationToken)
    {
        if (!message.Mine && !(room.Moderator || room.Admin))
            return ApiResults.Error(StatusCodes.Status403Forbidden, $"only a moderator of {Name(room)} can delete others' messages.");
        var done = await client.Communities.DeleteAsync(room.Reference, message.Id, cancellationToken);
        return done.Ok ? Results.NoContent() : Failed(done.Error, done.Status);
    }

    /// <summary>A moderator bans a member from this room (not globally: that is the server operator's).</summary>
    public static async Task<IResult> BanAsync(WispClient client, CommunityRoomView room, string member, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (!(room.Moderator || room.Admin))
            return ApiResults.Error(StatusCodes.Status403Forbidden, $"only a moderator of {Name(room)} can ban.");
        if (member == room.BlindedId)
            return ApiResults.BadRequest("you cannot ban yourself.");
        var done = await client.Communities.BanAsync(room.Reference, member, global: false, timeout, cancellationToken);
        return done.Ok ? Results.NoContent() : Failed(done.Error, done.Status);
    }

    public static IResult DmHistory(WispClient client, CommunityRoomView room, string member, int limit)
    {
        var roomId = CommunityViews.WebId(room);
        return ApiResults.Ok(client.Communities.Dms(room.Reference, WebLimits.MaxHistory)
            .Where(d => d.Peer == member)
            .TakeLast(limit)
            .Select(d => CommunityViews.Dm(client, roomId, room.BlindedId, d))
            .ToList());
    }

    public static async Task<IResult> SendDmAsync(WispClient client, CommunityRoomView room, string member, string text, CancellationToken cancellationToken)
    {
        if (member == room.BlindedId)
            return ApiResults.BadRequest("that is your own blinded ID in this community.");
        var sent = await client.Communities.SendDmAsync(room.Reference, member, text, cancellationToken);
        return sent.Ok && sent.Value is { } dm
            ? ApiResults.Ok(CommunityViews.Dm(client, CommunityViews.WebId(room), room.BlindedId, dm))
            : Failed(sent.Error, sent.Status);
    }

    private static string Name(CommunityRoomView room) => room.Name ?? room.Token;

    /// <summary>The SDK's refusal with the community server's status: 400, 403 and 404 as they are, a server not reached 503, else 502.</summary>
    private static IResult Failed(string? error, int? status)
    {
        var sentence = error ?? "the community server did not take it.";
        return status switch
        {
            null => ApiResults.Error(StatusCodes.Status503ServiceUnavailable, sentence),
            StatusCodes.Status400BadRequest or StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound or StatusCodes.Status409Conflict
                => ApiResults.Error(status.Value, sentence),
            _ => ApiResults.Error(StatusCodes.Status502BadGateway, sentence),
        };
    }
}
