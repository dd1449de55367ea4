using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wisp.Node.Admission;
using Wisp.Node.Storage;
using Wisp.Protocol.Monitor;

namespace Wisp.Node.Monitor;

/// <summary>
/// <c>GET /monitor/v1</c>, a WebSocket on the node's HTTPS listener: the hello, then subscribe and resume frames in,
/// replies and notifications out (PROTOCOL.md, "Message monitor"). The per-address and per-node connection places
/// are taken before the upgrade (429 / 503), so a refused client costs no socket state.
/// </summary>
internal static class MonitorEndpoint
{
    /// <summary>Maps the route with the WebSocket middleware in its own small pipeline (the node's others need none).</summary>
    public static IEndpointRouteBuilder MapWispMonitor(this IEndpointRouteBuilder endpoints)
    {
        var pipeline = endpoints.CreateApplicationBuilder();
        pipeline.UseWebSockets();
        pipeline.Run(HandleAsync);
        endpoints.Map(MonitorRoutes.Path, pipeline.Build());
        return endpoints;
    }

    public static async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await EdgeRefusals.WriteAsync(context, StatusCodes.Status400BadRequest, "monitor/v1 is a WebSocket: send an upgrade request");
            return;
        }
        var services = context.RequestServices;
        var hub = services.GetRequiredService<MonitorHub>();
        var address = ClientRateLimiter.KeyOf(context.Connection.RemoteIpAddress);
        if (!hub.Connections.TryOpen(address, out var refusal))
        {
            await EdgeRefusals.WriteAsync(context, refusal, refusal == StatusCodes.Status429TooManyRequests
                ? "Too many monitor connections from this address"
                : "Too many monitor connections");
            return;
        }
        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
            {
                KeepAliveInterval = Limits.MonitorKeepAliveInterval,
                KeepAliveTimeout = Limits.MonitorKeepAliveInterval,
            });
            var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            await RunAsync(context, socket, hub, services, lifetime.Token);
        }
        finally
        {
            hub.Connections.Closed(address);
        }
    }

    private static async Task RunAsync(HttpContext context, WebSocket socket, MonitorHub hub, IServiceProvider services, CancellationToken lifetime)
    {
        var connection = new MonitorConnection(socket, hub.Bounds.MaxQueuedBytes, hub.Connections.CountTooSlow);
        var time = services.GetRequiredService<TimeProvider>();
        var frames = new MonitorFrames(hub, services.GetRequiredService<IMessageStore>(), time);
        // The writer's own stop: a send to a subscriber that reads nothing only ends when it is cancelled.
        using var writerStop = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
        var writer = connection.RunWriterAsync(writerStop.Token);
        connection.Enqueue(new MonitorHello(hub.Cursor(), hub.StoreId).Encode());
        var reader = ReadLoopAsync(socket, connection, frames, hub.Bounds.MaxFrameBytes, lifetime);
        var clean = false;
        try
        {
            await Task.WhenAny(reader, WhenCancelled(connection.Closing));
            if (!reader.IsCompleted)
            {
                // The node is closing it (too slow, bad frame): the writer sends the close frame; wait for the answer.
                await Task.WhenAny(reader, Task.Delay(hub.Bounds.CloseGrace, time, lifetime));
            }
            if (reader.IsCompleted)
            {
                await reader;
                clean = true;
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The subscriber vanished or the node is stopping.
        }
        finally
        {
            hub.Table.Remove(connection);
            connection.Complete();
            if (!clean)
            {
                // Past the grace, or gone: end the send in progress and the connection itself, holding nothing more.
                await writerStop.CancelAsync();
                socket.Abort();
                context.Abort();
            }
            await writer;
        }
    }

    private static async Task ReadLoopAsync(
        WebSocket socket, MonitorConnection connection, MonitorFrames frames, int maxFrameBytes, CancellationToken lifetime)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= maxFrameBytes)
                    {
                        connection.Close(WebSocketCloseStatus.MessageTooBig, $"frame over {maxFrameBytes} bytes");
                        return;
                    }
                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxFrameBytes));
                }
                result = await socket.ReceiveAsync(buffer.AsMemory(length), lifetime);
                length += result.Count;
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            switch (result.MessageType)
            {
                case WebSocketMessageType.Close:
                    connection.Close(WebSocketCloseStatus.NormalClosure, "closed");
                    return;
                case WebSocketMessageType.Text:
                    connection.Close(WebSocketCloseStatus.InvalidMessageType, "frames are binary bencode");
                    return;
            }
            if (connection.CloseReason is not null)
                continue; // closing: read until the subscriber answers the close
            await frames.HandleAsync(connection, buffer.AsMemory(0, length).ToArray(), lifetime);
        }
    }

    private static Task WhenCancelled(CancellationToken token)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(() => done.TrySetResult());
        return done.Task;
    }
}
