using System.Net;
using System.Net.Sockets;
using Wisp.Protocol.Dht;

namespace Wisp.Dht.Transport;

/// <summary>A real UDP socket (IPv4) with a receive loop feeding its <see cref="DatagramDemux"/>.</summary>
public sealed class UdpDatagramTransport : IDatagramTransport
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    // Sends hold the gate so a datagram with its own TTL never leaves with another's (the TTL is a socket option).
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly short _defaultTtl;

    private UdpDatagramTransport(Socket socket)
    {
        _socket = socket;
        _defaultTtl = socket.Ttl;
        LocalEndPoint = DhtAddress.Normalize((IPEndPoint)socket.LocalEndPoint!);
        _receiving = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>Binds <paramref name="endpoint"/> (port 0 = any free port) and starts receiving.</summary>
    /// <exception cref="SocketException">The address is taken or cannot be bound.</exception>
    public static UdpDatagramTransport Bind(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!DhtAddress.IsCarried(endpoint))
            throw new ArgumentException($"The DHT runs on IPv4; got {endpoint}.", nameof(endpoint));
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(DhtAddress.Normalize(endpoint));
            return new UdpDatagramTransport(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public IPEndPoint LocalEndPoint { get; }

    /// <inheritdoc/>
    public DatagramDemux Demux { get; } = new();

    /// <summary>Datagrams received larger than <see cref="Limits.MaxDatagramBytes"/> and dropped.</summary>
    public long Oversize { get; private set; }

    /// <inheritdoc/>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint to, int? ttl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(to);
        if (_stop.IsCancellationRequested) return;
        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (ttl is { } hops) _socket.Ttl = (short)hops;
            await _socket.SendToAsync(datagram, SocketFlags.None, to, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // Unreachable or refused: lost, as any datagram may be.
        }
        catch (ObjectDisposedException)
        {
            // Closed while sending.
        }
        finally
        {
            if (ttl is not null && !_stop.IsCancellationRequested)
            {
                try { _socket.Ttl = _defaultTtl; } catch (ObjectDisposedException) { }
            }
            _sendGate.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        // Big enough for any UDP datagram, so an oversize one is seen whole and dropped rather than read truncated.
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // An ICMP error from an earlier send surfaces here on some systems; the socket is still good.
                continue;
            }
            if (received.ReceivedBytes > Limits.MaxDatagramBytes)
            {
                Oversize++;
                continue;
            }
            var from = DhtAddress.Normalize((IPEndPoint)received.RemoteEndPoint);
            Demux.Dispatch(buffer.AsSpan(0, received.ReceivedBytes).ToArray(), from);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _receiving.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The loop ends on cancellation; nothing to report.
        }
        _stop.Dispose();
    }
}
