using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wisp.Crypto.Keys;
using Wisp.Web.Session;

namespace Wisp.Web.Api;

/// <summary>One message (react, delete) and search.</summary>
internal static class MessageEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/messages/{id}/reactions", ReactAsync);
        api.MapDelete("/messages/{id}", DeleteAsync);
        api.MapGet("/search", (HttpContext context, WebSession session) => ConversationEndpoints.WithClient(session, client =>
        {
            var text = context.Request.Query["q"].ToString();
            AccountId? peer = null;
            if (context.Request.Query["peer"].ToString() is { Length: > 0 } peerText && !ApiResults.TryPeer(peerText, out peer, out var error))
                return error;
            if (text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > Client.Front.ClientArchive.MaxSearchWords)
                return ApiResults.BadRequest($"a search names at most {Client.Front.ClientArchive.MaxSearchWords} words.");
            var found = client.Archive.Search(text, peer, WebLimits.MaxSearchResults);
            return ApiResults.Ok(found.Select(m => WebViews.Message(client, m)).ToList());
        }));
    }

    private static async Task<IResult> ReactAsync(HttpContext context, string id, WebSession session)
    {
        if (session.Client is not { } client)
            return ApiResults.Locked();
        var (request, error) = await ApiResults.ReadAsync<ReactionRequest>(context);
        if (request is null)
            return error!;
        if (client.Messages.Find(id) is null)
            return ApiResults.NotFound($"there is no message with id '{id}'.");
        var failure = await client.Messages.ReactAsync(id, request.Emoji, request.Remove, context.RequestAborted);
        return failure is null
            ? Results.NoContent()
            : ApiResults.Error(failure.NetworkFailed ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest, failure.Reason);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, WebSession session)
    {
        if (session.Client is not { } client)
            return ApiResults.Locked();
        if (client.Messages.Find(id) is null)
            return ApiResults.NotFound($"there is no message with id '{id}'.");
        switch (context.Request.Query["for"].ToString())
        {
            case "" or "me":
                return client.Messages.DeleteForMe(id, out var problem) ? Results.NoContent() : ApiResults.BadRequest(problem);
            case "everyone":
                var failure = await client.Messages.DeleteForEveryoneAsync(id, context.RequestAborted);
                return failure is null
                    ? Results.NoContent()
                    : ApiResults.Error(failure.NetworkFailed ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest, failure.Reason);
            case var other:
                return ApiResults.BadRequest($"for is me or everyone; got '{other}'.");
        }
    }

    private sealed record ReactionRequest(string Emoji, bool Remove = false);
}
