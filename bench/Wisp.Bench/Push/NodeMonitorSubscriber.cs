using System.Net.WebSockets;
using Wisp.Node.Hosting;
using Wisp.Protocol.Monitor;

namespace Wisp.Bench.Push;

/// <summary>One monitor connection of the bench: subscribes its share of the accounts, then counts notifications.</summary>
internal sealed class NodeMonitorSubscriber : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly CancellationTokenSource _stop = new();
    private Task? _counting;
    private long _notifications;

    private NodeMonitorSubscriber(ClientWebSocket socket) => _socket = socket;

    public long Notifications => Interlocked.Read(ref _notifications);

    public static async Task<NodeMonitorSubscriber> ConnectAsync(string nodeUrl, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        var socket = new ClientWebSocket();
        var uri = new Uri(nodeUrl.Replace("https://", "wss://", StringComparison.Ordinal).TrimEnd('/') + MonitorRoutes.Path);
        await socket.ConnectAsync(uri, new HttpMessageInvoker(CertificatePin.CreateHandler(certificate)), CancellationToken.None);
        var subscriber = new NodeMonitorSubscriber(socket);
        Require((await subscriber.NextAsync()).Kind == MonitorFrameKind.Hello, "the node's first frame is its hello");
        return subscriber;
    }

    /// <summary>Sends the subscriptions in frames of <paramref name="perFrame"/> and checks every reply is a success.</summary>
    public async Task SubscribeAsync(IReadOnlyList<MonitorSubscribeRequest> requests, int perFrame)
    {
        foreach (var chunk in requests.Chunk(perFrame))
        {
            await _socket.SendAsync(MonitorSubscribeBatch.Of(chunk).Encode(), WebSocketMessageType.Binary, true, CancellationToken.None);
            var reply = await NextAsync();
            Require(reply.Kind == MonitorFrameKind.SubscribeReply && reply.Replies!.All(r => r.Ok),
                $"subscriptions accepted ({reply.Replies?.FirstOrDefault(r => !r.Ok)?.Error})");
        }
    }

    /// <summary>Counts notifications from now on, in the background.</summary>
    public void StartCounting() => _counting = Task.Run(async () =>
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var frame = await NextAsync(_stop.Token);
                if (frame.Kind == MonitorFrameKind.Notification) Interlocked.Increment(ref _notifications);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
        }
    });

    private async Task<MonitorFrame> NextAsync(CancellationToken cancellationToken = default)
    {
        var buffer = new byte[128 * 1024];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            result = await _socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            length += result.Count;
        }
        while (!result.EndOfMessage);
        return MonitorFrame.Read(buffer.AsMemory(0, length));
    }

    private static void Require(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException("Check failed: " + what);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_counting is not null) await _counting;
        _socket.Abort();
        _socket.Dispose();
        _stop.Dispose();
    }
}
