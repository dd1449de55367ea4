using System.Net.Sockets;
using System.Net.WebSockets;
using Wisp.Node.Hosting;
using Wisp.Protocol.Monitor;
using Wisp.Testing;

namespace Wisp.Node.Tests.Monitor.Support;

/// <summary>
/// A subscriber on a node's monitor stream, as a push server connects: a WebSocket to <c>/monitor/v1</c> over the
/// node's pinned TLS. Frames are read one at a time; notifications that arrive while waiting for a reply are kept.
/// </summary>
internal sealed class MonitorSubscriber : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ClientWebSocket _socket;
    private readonly Queue<MonitorNotification> _notifications = new();

    private MonitorSubscriber(ClientWebSocket socket, MonitorHello hello)
    {
        _socket = socket;
        Hello = hello;
    }

    public MonitorHello Hello { get; }

    /// <summary>Connects and reads the hello; a small <paramref name="receiveBufferBytes"/> makes a subscriber that reads slowly fall behind soon.</summary>
    public static async Task<MonitorSubscriber> ConnectAsync(TestNode node, int? receiveBufferBytes = null)
    {
        var socket = await OpenAsync(node, receiveBufferBytes);
        var subscriber = new MonitorSubscriber(socket, null!);
        var hello = await subscriber.NextAsync();
        Assert.Equal(MonitorFrameKind.Hello, hello.Kind);
        return new MonitorSubscriber(socket, hello.Hello!);
    }

    /// <summary>Opens the WebSocket (no hello read); throws as ConnectAsync does when the node refuses the upgrade.</summary>
    public static async Task<ClientWebSocket> OpenAsync(TestNode node, int? receiveBufferBytes = null)
    {
        var handler = CertificatePin.CreateHandler(node.Host.Certificate);
        if (receiveBufferBytes is { } size)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = size };
                await tcp.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(tcp, ownsSocket: true);
            };
        }
        var socket = new ClientWebSocket();
        var uri = new Uri(node.Url.Replace("https://", "wss://", StringComparison.Ordinal).TrimEnd('/') + MonitorRoutes.Path);
        await socket.ConnectAsync(uri, new HttpMessageInvoker(handler), TestContext.Current.CancellationToken);
        return socket;
    }

    public Task SendAsync(byte[] frame) =>
        _socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, TestContext.Current.CancellationToken);

    /// <summary>Sends a subscribe frame (a list unless one request and <paramref name="asList"/> is false) and returns the replies.</summary>
    public async Task<IReadOnlyList<MonitorReply>> SubscribeAsync(IEnumerable<MonitorSubscribeRequest> requests, bool asList = true)
    {
        await SendAsync(MonitorSubscribeBatch.Of(requests, asList).Encode());
        return await RepliesAsync();
    }

    /// <summary>The next subscribe reply (notifications before it are kept for <see cref="NotificationAsync"/>).</summary>
    public async Task<IReadOnlyList<MonitorReply>> RepliesAsync()
    {
        while (true)
        {
            var frame = await NextAsync();
            if (frame.Kind == MonitorFrameKind.Notification) _notifications.Enqueue(frame.Notification!);
            else return Assert.IsAssignableFrom<IReadOnlyList<MonitorReply>>(frame.Replies);
        }
    }

    /// <summary>The next notification.</summary>
    public async Task<MonitorNotification> NotificationAsync()
    {
        if (_notifications.TryDequeue(out var kept))
            return kept;
        var frame = await NextAsync();
        Assert.Equal(MonitorFrameKind.Notification, frame.Kind);
        return frame.Notification!;
    }

    /// <summary>Reads one whole frame (fails the test after a generous wait).</summary>
    public async Task<MonitorFrame> NextAsync()
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        patience.CancelAfter(Patience);
        var buffer = new byte[1 << 20];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer.AsMemory(length), patience.Token);
            length += result.Count;
        }
        while (!result.EndOfMessage);
        Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
        return MonitorFrame.Read(buffer.AsMemory(0, length).ToArray());
    }

    /// <summary>Reads until the node closes; returns how many notifications came first and the close status and text.</summary>
    public async Task<(int Notifications, WebSocketCloseStatus? Status, string? Reason)> ReadUntilClosedAsync()
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        patience.CancelAfter(Patience);
        var buffer = new byte[1 << 20];
        var count = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.AsMemory(), patience.Token);
            if (result.MessageType == WebSocketMessageType.Close)
                return (count, _socket.CloseStatus, _socket.CloseStatusDescription);
            if (result.EndOfMessage) count++;
        }
    }

    /// <summary>Closes the connection as a subscriber that goes away does.</summary>
    public async Task CloseAsync()
    {
        if (_socket.State == WebSocketState.Open)
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await CloseAsync();
        }
        catch (WebSocketException)
        {
        }
        _socket.Dispose();
    }
}
