using System.Net;
using System.Net.Sockets;
using Wisp.Dht.Transport;

namespace Wisp.Direct.Streams;

/// <summary>
/// Sends through the endpoint's shared datagram transport (the DHT's UDP socket) without waiting: a send that fails
/// is a lost datagram, which the stream and relay protocols already survive.
/// </summary>
public sealed class TransportPacketSink(IDatagramTransport transport) : IPacketSink
{
    /// <summary>The transport sent through.</summary>
    public IDatagramTransport Transport { get; } = transport;

    /// <inheritdoc />
    public void Send(IPEndPoint to, byte[] datagram)
    {
        var sending = Transport.SendAsync(datagram, to);
        if (!sending.IsCompletedSuccessfully)
            _ = ObserveAsync(sending);
    }

    private static async Task ObserveAsync(ValueTask sending)
    {
        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // lost, as any datagram may be
        }
    }
}

/// <summary>Hooks the stream and relay layers onto a shared transport's demux (<c>0xFF</c> streams, <c>0x04</c> relay control).</summary>
public static class TransportAttachments
{
    /// <summary>A multiplexer sending through <paramref name="transport"/> and receiving its <c>0xFF</c> datagrams; dispose the registration to detach.</summary>
    public static (StreamMultiplexer Streams, IDisposable Registration) AttachStreams(this IDatagramTransport transport, TimeProvider time, StreamOptions? options = null)
    {
        var mux = new StreamMultiplexer(new TransportPacketSink(transport), time, options);
        return (mux, transport.Demux.Register(DatagramKinds.Stream, (datagram, from) => mux.OnDatagram(from, datagram.Span)));
    }

    /// <summary>A relay client receiving the transport's <c>0x04</c> datagrams (the answers of relays).</summary>
    public static (Relay.RelayClient Client, IDisposable Registration) AttachRelayClient(this IDatagramTransport transport, TimeProvider time)
    {
        var client = new Relay.RelayClient(new TransportPacketSink(transport), time);
        return (client, transport.Demux.Register(DatagramKinds.RelayControl, (datagram, from) => client.OnDatagram(from, datagram.Span)));
    }

    /// <summary>
    /// A blind relay on a service node's socket: it takes both <c>0x04</c> and <c>0xFF</c>. Disposing the result
    /// unregisters both and stops the relay.
    /// </summary>
    public static Relay.BlindRelayServer AttachBlindRelay(this IDatagramTransport transport, TimeProvider time, Relay.RelayOptions? options = null)
    {
        var relay = new Relay.BlindRelayServer(new TransportPacketSink(transport), time, options);
        relay.Registrations.Add(transport.Demux.Register(DatagramKinds.RelayControl, (datagram, from) => relay.OnDatagram(from, datagram.Span)));
        relay.Registrations.Add(transport.Demux.Register(DatagramKinds.Stream, (datagram, from) => relay.OnDatagram(from, datagram.Span)));
        return relay;
    }
}
