using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wisp.Web.Api;

namespace Wisp.Web.Bots;

/// <summary>
/// <c>GET /rooms/{room}/events[?since=ID]</c>, a WebSocket: <c>ready</c> first, then (with <c>since</c>) the stored
/// posts after that id, then live <c>message</c> and <c>message_deleted</c> frames, one JSON object per text frame.
/// Subscribed before the stored posts are read, so nothing falls between the two; a post in both is sent once.
/// </summary>
internal static class BotEventSocket
{
    public static void Map(IEndpointRouteBuilder api) => api.MapGet("/rooms/{room}/events", StreamAsync);

    private static async Task StreamAsync(string room, HttpContext context, IBotCommunity community, BotStreams streams)
    {
        var cancellationToken = context.RequestAborted;
        long? since = null;
        if (context.Request.Query["since"] is { Count: > 0 } sinceText)
        {
            if (sinceText.Count != 1 || !long.TryParse(sinceText[0], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                await ApiResults.BadRequest("since must be a message id (a whole number, 0 or more).").ExecuteAsync(context);
                return;
            }
            since = parsed;
        }
        var (found, error) = await BotRoomLookup.FindAsync(community, room, cancellationToken);
        if (error is not null)
        {
            await error.ExecuteAsync(context);
            return;
        }
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await ApiResults.BadRequest("this call is a WebSocket: connect with ws:// and the same Authorization header (docs/BOTS.md).").ExecuteAsync(context);
            return;
        }
        using var subscription = streams.Open(found!.Id);
        if (subscription is null)
        {
            await ApiResults.Error(StatusCodes.Status503ServiceUnavailable, $"at most {BotLimits.MaxEventStreams} event streams may be open; close one.").ExecuteAsync(context);
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        try
        {
            await SendAsync(socket, new BotReadyFrame(found), cancellationToken);
            var skipUpTo = long.MinValue;
            if (since is { } after)
            {
                // Pages of stored posts, then the live queue, where the ids already sent are skipped.
                while (true)
                {
                    var page = await community.MessagesAsync(found.Id, after, BotLimits.MaxReadLimit, cancellationToken);
                    foreach (var message in page)
                        await SendAsync(socket, new BotMessageFrame(message), cancellationToken);
                    if (page.Count > 0)
                        after = page[^1].Id;
                    if (page.Count < BotLimits.MaxReadLimit)
                        break;
                }
                skipUpTo = after;
            }
            await PumpAsync(socket, subscription, skipUpTo, cancellationToken);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The bot went away.
        }
    }

    private static async Task PumpAsync(WebSocket socket, BotStreams.Subscription subscription, long skipUpTo, CancellationToken cancellationToken)
    {
        // The bot sends nothing the host needs; reading still notices its close frame.
        var closed = DrainAsync(socket, cancellationToken);
        var reader = subscription.Frames.Reader;
        while (true)
        {
            var ready = reader.WaitToReadAsync(cancellationToken).AsTask();
            if (await Task.WhenAny(ready, closed) == closed)
                return;
            bool more;
            try
            {
                more = await ready;
            }
            catch (InvalidOperationException)
            {
                await CloseAsync(socket, WebSocketCloseStatus.PolicyViolation, "too slow: reconnect with ?since=<last id>", cancellationToken);
                return;
            }
            if (!more)
            {
                await CloseAsync(socket, WebSocketCloseStatus.EndpointUnavailable, "the bot host is stopping", cancellationToken);
                return;
            }
            while (reader.TryRead(out var frame))
            {
                if (frame is BotMessageFrame message && message.Message.Id <= skipUpTo)
                    continue;
                await SendAsync(socket, frame, cancellationToken);
            }
        }
    }

    private static async Task DrainAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                    return;
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // Gone.
        }
    }

    private static Task SendAsync(WebSocket socket, object frame, CancellationToken cancellationToken) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(frame, frame.GetType(), ApiResults.Json), WebSocketMessageType.Text, true, cancellationToken);

    private static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string reason, CancellationToken cancellationToken)
    {
        if (socket.State == WebSocketState.Open)
            await socket.CloseOutputAsync(status, reason, cancellationToken);
    }
}
