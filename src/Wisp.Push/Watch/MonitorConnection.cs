using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Monitor;
using Wisp.Push.Delivery;

namespace Wisp.Push.Watch;

/// <summary>
/// One open monitor WebSocket: binary frames of one bencoded value each, at most <see cref="Limits.MaxMonitorFrameBytes"/>.
/// Reading and sending each run on one task (a WebSocket allows one of each at a time).
/// </summary>
internal sealed partial class MonitorConnection(WebSocket socket, Ed25519PublicKey node, NotificationIntake intake, ILogger logger, Action accepted)
{
    private readonly byte[] _node = node.Span.ToArray();
    private readonly byte[] _buffer = new byte[Limits.MaxMonitorFrameBytes];

    /// <summary>Reads the node's hello, which must be the first frame.</summary>
    public async Task<MonitorHello> ReadHelloAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Limits.DeliveryTimeout);
        var frame = MonitorFrame.Read(await ReadFrameAsync(timeout.Token));
        return frame.Hello ?? throw new InvalidDataException("the node's first frame is not a hello");
    }

    /// <summary>
    /// The first subscription of the connection: a resume from the saved cursor when the node's store is the one it was
    /// saved under, else a plain subscribe after saving the hello's cursor as the starting point.
    /// </summary>
    public async Task SubscribeAsync(MonitorHello hello, IReadOnlyList<MonitorSubscribeRequest> requests, CancellationToken cancellationToken)
    {
        if (requests.Count == 0)
            return;
        var batches = requests.Chunk(Limits.MonitorSubscriptionsPerFrame).ToList();
        if (intake.PositionOf(_node) is { } saved && saved.Store == hello.Store && saved.Cursor <= hello.Cursor)
        {
            await SendAsync(new MonitorResumeRequest(saved.Cursor, hello.Store, MonitorSubscribeBatch.Of(batches[0])).Encode(), cancellationToken);
            batches.RemoveAt(0);
        }
        else
        {
            intake.Accept([], new StreamPosition(_node, hello.Store, hello.Cursor));
        }
        foreach (var batch in batches)
            await SendAsync(MonitorSubscribeBatch.Of(batch).Encode(), cancellationToken);
    }

    /// <summary>Sends (or renews) subscriptions on the open connection.</summary>
    public async Task SendSubscribeAsync(IReadOnlyList<MonitorSubscribeRequest> requests, CancellationToken cancellationToken)
    {
        foreach (var batch in requests.Chunk(Limits.MonitorSubscriptionsPerFrame))
            await SendAsync(MonitorSubscribeBatch.Of(batch).Encode(), cancellationToken);
    }

    /// <summary>Reads frames until the connection ends, taking in every notification with its cursor.</summary>
    public async Task ReadAsync(MonitorHello hello, CancellationToken cancellationToken)
    {
        while (true)
        {
            var frame = MonitorFrame.Read(await ReadFrameAsync(cancellationToken));
            switch (frame.Kind)
            {
                case MonitorFrameKind.Notification:
                    var n = frame.Notification!;
                    intake.Accept([new ArrivedMessage(n.Account, n.Hash, n.Namespace, n.TimestampMs, n.ExpiryMs, n.Data?.ToArray())],
                        new StreamPosition(_node, hello.Store, n.Cursor));
                    break;
                case MonitorFrameKind.ResumeReply when frame.ResumeReply!.Refusal is { } refusal:
                    // The node cannot replay from our cursor (too far behind, or another store): carry on from its cursor.
                    Log.ResumeRefused(logger, refusal.Error ?? "", frame.ResumeReply.Cursor);
                    intake.Accept([], new StreamPosition(_node, hello.Store, frame.ResumeReply.Cursor));
                    LogFailures(frame.ResumeReply.Subscribe);
                    break;
                case MonitorFrameKind.ResumeReply:
                    Log.Resumed(logger, frame.ResumeReply!.Replayed);
                    LogFailures(frame.ResumeReply.Subscribe);
                    break;
                case MonitorFrameKind.SubscribeReply:
                    LogFailures(frame.Replies!);
                    break;
                default:
                    Log.BadFrame(logger);
                    break;
            }
        }
    }

    /// <summary>Logs the refused subscriptions; when none was refused, the node carries them all.</summary>
    private void LogFailures(IReadOnlyList<MonitorReply> replies)
    {
        if (replies.All(r => r.Ok)) accepted();
        foreach (var reply in replies.Where(r => !r.Ok))
            Log.SubscribeRefused(logger, (int)reply.Code!.Value, reply.Error ?? "");
    }

    private Task SendAsync(byte[] frame, CancellationToken cancellationToken) =>
        socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);

    private async Task<ReadOnlyMemory<byte>> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "frame too big", CancellationToken.None);
                throw new InvalidDataException("the node sent a frame over the limit");
            }
            var result = await socket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
                throw new WebSocketException($"the node closed the stream ({socket.CloseStatus} {socket.CloseStatusDescription})");
            length += result.Count;
            if (result.EndOfMessage)
                return _buffer.AsMemory(0, length).ToArray();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "A node refused a monitor subscription: {Code} {Error}")]
        public static partial void SubscribeRefused(ILogger logger, int code, string error);

        [LoggerMessage(Level = LogLevel.Warning, Message = "A node could not resume the stream ({Error}); carrying on from its cursor {Cursor}")]
        public static partial void ResumeRefused(ILogger logger, string error, long cursor);

        [LoggerMessage(Level = LogLevel.Debug, Message = "A node replayed {Count} notifications on resume")]
        public static partial void Resumed(ILogger logger, int count);

        [LoggerMessage(Level = LogLevel.Warning, Message = "A node sent a frame of no known shape; ignored")]
        public static partial void BadFrame(ILogger logger);
    }
}
