using System.Net;

namespace Wisp.Dht.Transport;

/// <summary>Receives one datagram. The memory belongs to the handler (a fresh array); the handler runs on the receive loop, so it must be quick and never block.</summary>
public delegate void DatagramHandler(ReadOnlyMemory<byte> datagram, IPEndPoint from);

/// <summary>
/// One UDP socket (real or simulated) shared by everything an endpoint speaks: the DHT, stream packets, hole-punch
/// probes and blind-relay control. Received datagrams go to <see cref="Demux"/>, which routes them by first byte.
/// </summary>
public interface IDatagramTransport : IAsyncDisposable
{
    /// <summary>The bound address; the port is the real one even when 0 was asked for.</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>Where received datagrams go.</summary>
    DatagramDemux Demux { get; }

    /// <summary>
    /// Sends one datagram. <paramref name="ttl"/> is the IP time-to-live of this datagram alone (null = the system's
    /// default): hole-punch probes use a low one so they open a NAT mapping without reaching the far NAT.
    /// A datagram that cannot be sent (network unreachable, socket closed) is dropped, as UDP would.
    /// </summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint to, int? ttl = null, CancellationToken cancellationToken = default);
}
