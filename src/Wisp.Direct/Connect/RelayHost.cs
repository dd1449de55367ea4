using Wisp.Dht.Transport;
using Wisp.Direct.Relay;

namespace Wisp.Direct.Connect;

/// <summary>Serves a blind relay on a DHT node's socket (service nodes): stream and relay-control datagrams go to it.</summary>
public sealed class RelayHost : IDisposable
{
    private readonly IDisposable _stream;
    private readonly IDisposable _control;

    private RelayHost(BlindRelayServer server, IDisposable stream, IDisposable control)
    {
        Server = server;
        _stream = stream;
        _control = control;
    }

    /// <summary>The relay, for its stats.</summary>
    public BlindRelayServer Server { get; }

    /// <summary>Registers a new relay for <c>0xFF</c> and <c>0x04</c> datagrams on <paramref name="transport"/>.</summary>
    public static RelayHost Attach(IDatagramTransport transport, TimeProvider time, RelayOptions? options = null)
    {
        var server = new BlindRelayServer(new TransportSink(transport), time, options);
        var stream = transport.Demux.Register(DatagramKinds.Stream, (d, from) => server.OnDatagram(from, d.Span));
        var control = transport.Demux.Register(DatagramKinds.RelayControl, (d, from) => server.OnDatagram(from, d.Span));
        return new RelayHost(server, stream, control);
    }

    /// <summary>Stops serving.</summary>
    public void Dispose()
    {
        _stream.Dispose();
        _control.Dispose();
        Server.Dispose();
    }
}
