using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wisp.Client;
using Wisp.Client.Groups;
using Wisp.Web.Session;

namespace Wisp.Web.Api;

/// <summary>
/// <c>GET /api/events</c>: the client's events as Server-Sent Events (<c>event: type</c>, <c>data: json</c>), and a
/// <c>: ping</c> comment every 15 s so idle connections stay open. One subscription to <see cref="WispClient.Events"/>
/// per stream, from the moment it opens; the stream ends when the account is locked (the page opens a new one after
/// unlocking). 409 while locked.
/// </summary>
internal static class EventStream
{
    public static void Map(IEndpointRouteBuilder api) => api.MapGet("/events", StreamAsync);

    private static async Task StreamAsync(HttpContext context, WebSession session, OpenStreams open, WebTransfers transfers, TimeProvider time)
    {
        if (session.Client is not { } client)
        {
            await ApiResults.Locked().ExecuteAsync(context);
            return;
        }
        if (Interlocked.Increment(ref open.Count) > WebLimits.MaxEventStreams)
        {
            Interlocked.Decrement(ref open.Count);
            await ApiResults.Error(StatusCodes.Status503ServiceUnavailable, $"at most {WebLimits.MaxEventStreams} event streams may be open; close a tab.").ExecuteAsync(context);
            return;
        }
        try
        {
            await PumpAsync(context, client, transfers, time);
        }
        catch (OperationCanceledException)
        {
            // The page closed the stream.
        }
        catch (ObjectDisposedException)
        {
            // Locked while writing.
        }
        finally
        {
            Interlocked.Decrement(ref open.Count);
        }
    }

    private static async Task PumpAsync(HttpContext context, WispClient client, WebTransfers transfers, TimeProvider time)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var cancellationToken = stop.Token;
        var events = client.Events.GetAsyncEnumerator(cancellationToken);
        var next = Task.FromResult(true);
        // Group messages (the SDK's groups event) and transfers' progress (this server's) are not in Events: queued
        // here (bounded; the page re-reads its lists every 15 s, so a frame dropped under a flood is not lost for long).
        var extraFrames = Channel.CreateBounded<string>(new BoundedChannelOptions(WebLimits.MaxQueuedExtraFrames) { FullMode = BoundedChannelFullMode.DropOldest });
        void OnGroupMessage(GroupMessageView message) => extraFrames.Writer.TryWrite(GroupFrame(client, message));
        void OnTransfer(TransferJson transfer) => extraFrames.Writer.TryWrite(Frame("transfer_progress", new { transfer }));
        client.Groups.MessageAdded += OnGroupMessage;
        transfers.Changed += OnTransfer;
        try
        {
            await response.WriteAsync(": open\n\n", cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
            next = events.MoveNextAsync().AsTask();
            var ping = Task.Delay(WebLimits.EventPingInterval, time, cancellationToken);
            var groupReady = extraFrames.Reader.WaitToReadAsync(cancellationToken).AsTask();
            while (true)
            {
                var first = await Task.WhenAny(next, ping, groupReady);
                if (first == groupReady)
                {
                    await groupReady;
                    while (extraFrames.Reader.TryRead(out var frame))
                        await response.WriteAsync(frame, Encoding.UTF8, cancellationToken);
                    groupReady = extraFrames.Reader.WaitToReadAsync(cancellationToken).AsTask();
                }
                else if (first == ping)
                {
                    await ping; // throws when the page went away
                    await response.WriteAsync(": ping\n\n", cancellationToken);
                    ping = Task.Delay(WebLimits.EventPingInterval, time, cancellationToken);
                }
                else
                {
                    if (!await next)
                        return; // locked: the client's events ended
                    if (Frame(client, events.Current) is { } frame)
                        await response.WriteAsync(frame, Encoding.UTF8, cancellationToken);
                    next = events.MoveNextAsync().AsTask();
                }
                await response.Body.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            client.Groups.MessageAdded -= OnGroupMessage;
            transfers.Changed -= OnTransfer;
            // An async iterator cannot be disposed while a MoveNextAsync is pending: end that wait first.
            await stop.CancelAsync();
            try
            {
                await next;
            }
            catch (OperationCanceledException)
            {
                // Ended as asked.
            }
            await events.DisposeAsync();
        }
    }

    /// <summary>A group message as a <c>message_added</c> frame (peer: the group's ID).</summary>
    internal static string GroupFrame(WispClient client, GroupMessageView message) =>
        Frame("message_added", new { message = GroupViews.Message(client, message), is_request = false });

    private static string Frame(string type, object data) => $"event: {type}\ndata: {JsonSerializer.Serialize(data, ApiResults.Json)}\n\n";

    /// <summary>One event as an SSE frame; null for events the page does not show.</summary>
    internal static string? Frame(WispClient client, ClientEvent clientEvent)
    {
        (string Type, object Data)? named = clientEvent switch
        {
            ClientEvent.MessageAdded added => ("message_added", new { message = WebViews.Message(client, added.Message), is_request = added.IsRequest }),
            ClientEvent.DeliveryChanged changed => ("delivery_changed", new { message = WebViews.Message(client, changed.Message) }),
            ClientEvent.MessageChanged changed => ("message_changed", new { message = WebViews.Message(client, changed.Message) }),
            ClientEvent.MessageRemoved removed => ("message_removed", new { peer = removed.Peer.Hex, id = removed.MessageId }),
            ClientEvent.MessagesRead read => ("messages_read", new { peer = read.Peer.Hex, count = read.Count }),
            ClientEvent.Typing typing => ("typing", new { peer = typing.Peer.Hex, started = typing.Started }),
            ClientEvent.MessagesDisappeared gone => ("messages_disappeared", new { peer = gone.Peer.Hex, ids = gone.MessageIds }),
            ClientEvent.MessageDropped dropped => ("message_dropped", new { reason = dropped.Reason }),
            ClientEvent.NetworkUnreachable down => ("network_unreachable", new { reason = down.Reason }),
            ClientEvent.NetworkReconnected => ("network_reconnected", new { }),
            ClientEvent.Community community => CommunityEvents.Frame(client, community.Change),
            _ => null,
        };
        return named is { } e ? $"event: {e.Type}\ndata: {JsonSerializer.Serialize(e.Data, ApiResults.Json)}\n\n" : null;
    }
}

/// <summary>How many event streams this server has open (bounded by <see cref="WebLimits.MaxEventStreams"/>).</summary>
internal sealed class OpenStreams
{
    public int Count;
}
