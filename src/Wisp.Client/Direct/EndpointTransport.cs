using System.Net;
using Wisp.Crypto.Keys;
using Wisp.Direct.Connect;

namespace Wisp.Client.Direct;

/// <summary>
/// <see cref="IDirectTransport"/> over Wisp.Direct's <c>DirectEndpoint</c>: one UDP socket carrying the DHT (bootstrapped
/// from the given nodes), hole punching, Noise and secret streams, with the service nodes as blind relays of last resort.
/// </summary>
internal sealed class EndpointTransport(IReadOnlyList<IPEndPoint> bootstrap, IReadOnlyList<IPEndPoint> relays, TimeProvider time) : IDirectTransport
{
    private readonly CancellationTokenSource _stop = new();
    private DirectEndpoint? _endpoint;
    private Task _accepting = Task.CompletedTask;

    public async Task StartAsync(
        Ed25519KeyPair key, Func<ReadOnlyMemory<byte>, bool> firewall, Func<IDirectLink, Task> accepted, CancellationToken cancellationToken)
    {
        var endpoint = await DirectEndpoint.StartAsync(new DirectEndpointOptions
        {
            KeyPair = key,
            Bootstrap = bootstrap,
            RelayNodes = relays,
            Firewall = (remote, _) => firewall(remote.Span.ToArray()),
            Time = time,
        }, cancellationToken).ConfigureAwait(false);
        _endpoint = endpoint;
        await endpoint.ListenAsync(cancellationToken).ConfigureAwait(false);
        _accepting = Task.Run(() => AcceptAsync(endpoint, accepted, _stop.Token), CancellationToken.None);
    }

    public Task<(IDirectLink? Link, string? Error)> ConnectAsync(ReadOnlyMemory<byte> remoteKey, CancellationToken cancellationToken) =>
        ConnectAsync(remoteKey, allowRelay: true, cancellationToken);

    public Task<(IDirectLink? Link, string? Error)> ConnectDirectAsync(ReadOnlyMemory<byte> remoteKey, CancellationToken cancellationToken) =>
        ConnectAsync(remoteKey, allowRelay: false, cancellationToken);

    private async Task<(IDirectLink? Link, string? Error)> ConnectAsync(ReadOnlyMemory<byte> remoteKey, bool allowRelay, CancellationToken cancellationToken)
    {
        if (_endpoint is not { } endpoint)
            return (null, "the endpoint has not started");
        try
        {
            var session = await endpoint.ConnectAsync(new X25519PublicKey(remoteKey.Span), allowRelay, cancellationToken).ConfigureAwait(false);
            return (new SessionLink(session), null);
        }
        catch (DirectConnectException e)
        {
            return (null, $"{e.Reason}: {e.Message}");
        }
    }

    public DirectTransportStatus Status()
    {
        if (_endpoint is not { } endpoint)
            return new DirectTransportStatus(false, 0, null, "UNKNOWN", [.. bootstrap.Select(b => b.ToString())]);
        var status = endpoint.Status();
        return new DirectTransportStatus(
            status.Listening, status.DhtNodes, status.PublicAddress?.ToString(), status.Nat.ToString().ToUpperInvariant(),
            [.. bootstrap.Select(b => b.ToString())]);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_endpoint is { } endpoint)
            await endpoint.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        _stop.Dispose();
    }

    private static async Task AcceptAsync(DirectEndpoint endpoint, Func<IDirectLink, Task> accepted, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            DirectSession session;
            try
            {
                session = await endpoint.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or System.Threading.Channels.ChannelClosedException)
            {
                return;
            }
            await accepted(new SessionLink(session)).ConfigureAwait(false);
        }
    }

    /// <summary>A <see cref="DirectSession"/> as direct mode sees it.</summary>
    private sealed class SessionLink(DirectSession session) : IDirectLink
    {
        public ReadOnlyMemory<byte> RemoteKey { get; } = session.RemoteKey.Span.ToArray();

        public MessagePath Path => session.Path == DirectPath.Relayed ? MessagePath.Relayed : MessagePath.Direct;

        public string RemoteAddress => session.RemoteEndPoint.ToString();

        public long BytesSent => session.Stats.BytesSent;

        public long BytesReceived => session.Stats.BytesReceived;

        public Task SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken) => session.SendAsync(frame, cancellationToken).AsTask();

        public async Task<ReadOnlyMemory<byte>?> ReceiveAsync(CancellationToken cancellationToken) =>
            await session.ReceiveAsync(cancellationToken).ConfigureAwait(false) is { } frame ? frame : null;

        public ValueTask DisposeAsync() => session.DisposeAsync();
    }
}
