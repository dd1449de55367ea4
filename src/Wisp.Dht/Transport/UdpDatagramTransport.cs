using System.Net;

namespace Wisp.Dht.Transport;

/// <summary>A real UDP socket (IPv4) with a receive loop feeding its <see cref="DatagramDemux"/>.</summary>
public sealed class UdpDatagramTransport : IDatagramTransport
{
    private UdpDatagramTransport() => throw new NotImplementedException();

    /// <summary>Binds <paramref name="endpoint"/> (port 0 = any free port) and starts receiving.</summary>
    public static UdpDatagramTransport Bind(IPEndPoint endpoint) => throw new NotImplementedException();

    /// <inheritdoc/>
    public IPEndPoint LocalEndPoint => throw new NotImplementedException();

    /// <inheritdoc/>
    public DatagramDemux Demux { get; } = new();

    /// <inheritdoc/>
    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint to, int? ttl = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => throw new NotImplementedException();
}
