using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Monitor;
using Wisp.Push.Delivery;

namespace Wisp.Push.Watch;

/// <summary>
/// The monitor stream to one node: connects, resumes from the saved cursor when the node's store is the one it was
/// saved under (else starts from the hello's cursor), subscribes the accounts this node holds, renews them, and hands
/// every notification to <see cref="NotificationIntake"/>, which saves the cursor with what it queued. On any failure it
/// reconnects after a doubling delay; the node keeps what arrived meanwhile and the resume replays it.
/// </summary>
internal sealed partial class NodeStream(Ed25519PublicKey node, Uri uri, NotificationIntake intake, ILogger logger) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly WakeSignal _changed = new();
    private readonly CancellationTokenSource _stop = new();
    private Dictionary<string, List<MonitorSubscribeRequest>> _wanted = [];
    private Task? _run;

    private volatile bool _accepted;

    /// <summary>True once the node accepted every subscription on the current connection (tests wait for it).</summary>
    public bool Accepted => _accepted;

    /// <summary>The node's stream address.</summary>
    public Uri Uri => uri;

    /// <summary>Starts the connection loop.</summary>
    public void Start() => _run = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Sets the subscriptions this node should carry; new or changed ones are sent at once.</summary>
    public void Update(Dictionary<string, List<MonitorSubscribeRequest>> wanted)
    {
        lock (_lock) _wanted = wanted;
        _changed.Pulse();
    }

    private Dictionary<string, List<MonitorSubscribeRequest>> Wanted()
    {
        lock (_lock) return _wanted;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = Limits.MonitorReconnectDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var socket = new ClientWebSocket();
                // Nodes use self-signed certificates the registry does not carry (as for clients and node to node);
                // what the stream carries is already public to the swarm, and the signatures bind each subscription.
                socket.Options.RemoteCertificateValidationCallback = static (_, certificate, _, _) => certificate is not null;
                socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
                using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    connect.CancelAfter(Limits.DeliveryTimeout);
                    await socket.ConnectAsync(uri, connect.Token);
                }
                _accepted = false;
                var connection = new MonitorConnection(socket, node, intake, logger, () => _accepted = true);
                var hello = await connection.ReadHelloAsync(cancellationToken);
                delay = Limits.MonitorReconnectDelay;
                Log.Connected(logger, uri.Authority, hello.Cursor);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var reading = connection.ReadAsync(hello, linked.Token);
                var sending = SendLoopAsync(connection, hello, linked.Token);
                await Task.WhenAny(reading, sending);
                await linked.CancelAsync();
                await Task.WhenAll(Quiet(reading), Quiet(sending));
                await reading;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException or InvalidDataException or HttpRequestException)
            {
                Log.Dropped(logger, uri.Authority, exception.Message);
            }
            catch (Exception exception)
            {
                // Anything else (the database, a bug) must not end the stream for good: log it and reconnect, resuming
                // from the last cursor saved.
                Log.Failed(logger, uri.Authority, exception);
            }
            try
            {
                await Task.Delay(delay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            delay = delay * 2 > Limits.MaxMonitorReconnectDelay ? Limits.MaxMonitorReconnectDelay : delay * 2;
        }
    }

    /// <summary>Subscribes (resuming first when it can), then sends what changes and renews everything on schedule.</summary>
    private async Task SendLoopAsync(MonitorConnection connection, MonitorHello hello, CancellationToken cancellationToken)
    {
        var sent = new Dictionary<string, List<MonitorSubscribeRequest>>(StringComparer.Ordinal);
        var wanted = Wanted();
        await connection.SubscribeAsync(hello, wanted.Values.SelectMany(r => r).ToList(), cancellationToken);
        foreach (var (account, requests) in wanted) sent[account] = requests;
        var renewAt = DateTime.UtcNow + Limits.MonitorRenewInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            await _changed.WaitAsync(Limits.MonitorRenewInterval, cancellationToken);
            wanted = Wanted();
            var renew = DateTime.UtcNow >= renewAt;
            var changes = wanted.Where(w => renew || !sent.TryGetValue(w.Key, out var before) || !ReferenceEquals(before, w.Value) && !Same(before, w.Value))
                .ToList();
            if (changes.Count > 0)
                await connection.SendSubscribeAsync(changes.SelectMany(c => c.Value).ToList(), cancellationToken);
            foreach (var (account, requests) in changes) sent[account] = requests;
            if (renew) renewAt = DateTime.UtcNow + Limits.MonitorRenewInterval;
        }
    }

    private static bool Same(List<MonitorSubscribeRequest> a, List<MonitorSubscribeRequest> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.SignatureTimestamp == p.Second.SignatureTimestamp
            && p.First.Signature.AsSpan().SequenceEqual(p.Second.Signature) && p.First.Namespaces.SequenceEqual(p.Second.Namespaces));

    private static async Task Quiet(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
            // Observed by the caller where it matters (the read loop).
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null) await Quiet(_run);
        _stop.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Monitor stream to {Node} open (its cursor {Cursor})")]
        public static partial void Connected(ILogger logger, string node, long cursor);

        [LoggerMessage(Level = LogLevel.Error, Message = "Monitor stream to {Node} failed; reconnecting")]
        public static partial void Failed(ILogger logger, string node, Exception exception);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Monitor stream to {Node} dropped ({Reason}); reconnecting")]
        public static partial void Dropped(ILogger logger, string node, string reason);
    }
}
