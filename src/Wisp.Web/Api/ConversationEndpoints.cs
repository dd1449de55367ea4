using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wisp.Client;
using Wisp.Client.Conversations;
using Wisp.Crypto.Keys;
using Wisp.Web.Session;

namespace Wisp.Web.Api;

/// <summary>Conversations: the list, a conversation's messages, sending, read marks, typing, requests and settings.</summary>
internal static class ConversationEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/conversations", (HttpContext context, WebSession session) => WithClient(session, client =>
        {
            var state = context.Request.Query["state"].ToString();
            var all = client.Conversations.List();
            if (state.Length > 0)
            {
                if (!Enum.TryParse<ConversationState>(state, ignoreCase: true, out var wanted) || int.TryParse(state, out _))
                    return ApiResults.BadRequest($"state is accepted, request, declined or blocked; got '{state}'.");
                all = [.. all.Where(c => c.Conversation.State == wanted)];
            }
            return ApiResults.Ok(all.Select(c => WebViews.Conversation(client, c)).ToList());
        }));
        api.MapGet("/conversations/{peer}/messages", (HttpContext context, string peer, WebSession session) => WithPeer(session, peer, (client, id) =>
        {
            var limitText = context.Request.Query["limit"].ToString();
            var limit = 100;
            if (limitText.Length > 0 && (!int.TryParse(limitText, out limit) || limit is < 1 or > WebLimits.MaxHistory))
                return ApiResults.BadRequest($"limit is a whole number from 1 to {WebLimits.MaxHistory}; got '{limitText}'.");
            var history = client.Conversations.History(id, limit);
            return ApiResults.Ok(history.Select(m => WebViews.Message(client, m, history)).ToList());
        }));
        api.MapPost("/conversations/{peer}/messages", SendAsync);
        api.MapPost("/conversations/{peer}/read", (string peer, WebSession session, CancellationToken cancellationToken) =>
            WithPeerAsync(session, peer, async (client, id) => ApiResults.Ok(new CountJson(await client.Conversations.MarkReadAsync(id, cancellationToken)))));
        api.MapPost("/conversations/{peer}/typing", TypingAsync);
        api.MapPost("/conversations/{peer}/accept", (string peer, WebSession session) => WithPeer(session, peer, (client, id) =>
            client.Conversations.TryAcceptRequest(id, out var conversation, out var error)
                ? ApiResults.Ok(WebViews.Conversation(client, conversation))
                : ApiResults.Conflict(error)));
        api.MapPost("/conversations/{peer}/decline", (string peer, WebSession session) => WithPeer(session, peer, (client, id) =>
            client.Conversations.Find(id)?.State == ConversationState.Request
                ? ApiResults.Ok(WebViews.Conversation(client, client.Conversations.Decline(id)))
                : ApiResults.Conflict($"there is no pending message request from {id.Hex} to decline.")));
        api.MapPost("/conversations/{peer}/block", (string peer, WebSession session) => WithPeer(session, peer, (client, id) =>
            ApiResults.Ok(WebViews.Conversation(client, client.Conversations.Block(id)))));
        api.MapPost("/conversations/{peer}/unblock", (string peer, WebSession session) => WithPeer(session, peer, (client, id) =>
            client.Contacts.TryUnblock(id, out var error)
                ? ApiResults.Ok(WebViews.Conversation(client, client.Conversations.Find(id)!))
                : ApiResults.Conflict(error)));
        api.MapPut("/conversations/{peer}/settings", ConfigureAsync);
    }

    public static IResult WithClient(WebSession session, Func<WispClient, IResult> action) =>
        session.Client is { } client ? action(client) : ApiResults.Locked();

    public static IResult WithPeer(WebSession session, string peer, Func<WispClient, AccountId, IResult> action)
    {
        if (session.Client is not { } client)
            return ApiResults.Locked();
        return ApiResults.TryPeer(peer, out var id, out var error) ? action(client, id) : error;
    }

    public static async Task<IResult> WithPeerAsync(WebSession session, string peer, Func<WispClient, AccountId, Task<IResult>> action)
    {
        if (session.Client is not { } client)
            return ApiResults.Locked();
        return ApiResults.TryPeer(peer, out var id, out var error) ? await action(client, id) : error;
    }

    private static Task<IResult> SendAsync(HttpContext context, string peer, WebSession session) => WithPeerAsync(session, peer, async (client, id) =>
    {
        var (request, error) = await ApiResults.ReadAsync<SendRequest>(context);
        if (request is null)
            return error!;
        if (string.IsNullOrWhiteSpace(request.Text))
            return ApiResults.BadRequest("a message needs some text.");
        MessageView? sent;
        string? problem;
        if (request.ReplyTo is { } quoted)
        {
            if (client.Messages.Find(quoted) is not { } original || original.Peer != id)
                return ApiResults.BadRequest($"reply_to names no message of this conversation ('{quoted}').");
            sent = client.Messages.Reply(quoted, request.Text, out problem);
        }
        else
        {
            sent = client.Conversations.Send(id, request.Text, client.DisplayName, out problem);
        }
        return sent is null ? ApiResults.BadRequest(problem ?? "the message cannot be sent.") : ApiResults.Ok(WebViews.Message(client, sent));
    });

    private static Task<IResult> TypingAsync(HttpContext context, string peer, WebSession session) => WithPeerAsync(session, peer, async (client, id) =>
    {
        var (request, error) = await ApiResults.ReadAsync<TypingRequest>(context);
        if (request is null)
            return error!;
        await client.Conversations.SendTypingAsync(id, request.Started, context.RequestAborted);
        return Results.NoContent();
    });

    /// <summary>Each field present is changed; an absent one is left alone (disappearing_seconds: null turns the timer off).</summary>
    private static Task<IResult> ConfigureAsync(HttpContext context, string peer, WebSession session) => WithPeerAsync(session, peer, async (client, id) =>
    {
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body, ApiResults.Json, context.RequestAborted);
        }
        catch (JsonException)
        {
            return ApiResults.BadRequest("the request body must be a JSON object.");
        }
        if (body.ValueKind != JsonValueKind.Object)
            return ApiResults.BadRequest("the request body must be a JSON object.");
        bool? receipts = null, typing = null;
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "read_receipts" when property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    receipts = property.Value.GetBoolean();
                    break;
                case "typing_indicators" when property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    typing = property.Value.GetBoolean();
                    break;
                case "disappearing_seconds" when property.Value.ValueKind == JsonValueKind.Null
                    || (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt64(out var s) && s is > 0 and <= WebLimits.MaxDisappearingSeconds):
                    break;
                default:
                    return ApiResults.BadRequest(
                        $"'{property.Name}' is not a setting or has the wrong type: read_receipts and typing_indicators are true or false, " +
                        $"disappearing_seconds is null or 1 to {WebLimits.MaxDisappearingSeconds}.");
            }
        }
        if (receipts is not null || typing is not null)
            client.Conversations.Configure(id, receipts, typing);
        if (body.TryGetProperty("disappearing_seconds", out var seconds))
        {
            TimeSpan? after = seconds.ValueKind == JsonValueKind.Null ? null : TimeSpan.FromSeconds(seconds.GetInt64());
            if (client.Conversations.Find(id)?.Settings.DisappearAfter != after && client.Conversations.SetDisappearing(id, after, out var problem) is null)
                return ApiResults.BadRequest(problem ?? "the timer cannot be set.");
        }
        return client.Conversations.Find(id) is { } conversation
            ? ApiResults.Ok(WebViews.Conversation(client, conversation))
            : ApiResults.NotFound($"there is no conversation with {id.Hex}.");
    });

    private sealed record SendRequest(string Text, string? ReplyTo = null);

    private sealed record TypingRequest(bool Started);

    private sealed record CountJson(int Count);
}
