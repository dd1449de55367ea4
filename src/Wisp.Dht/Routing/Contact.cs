using System.Net;
using Wisp.Protocol.Dht;

namespace Wisp.Dht.Routing;

/// <summary>A DHT node as the routing table knows it: id = BLAKE2b-256 of its address, so the two always agree.</summary>
internal sealed class Contact(IPEndPoint endpoint, long seen)
{
    public IPEndPoint EndPoint { get; } = endpoint;

    public DhtId Id { get; } = IdOf(endpoint);

    /// <summary>When it last answered or asked (TimeProvider timestamp).</summary>
    public long Seen { get; set; } = seen;

    /// <summary>A node's id: BLAKE2b-256 of its ip(4) ‖ port(u16 LE).</summary>
    public static DhtId IdOf(IPEndPoint endpoint) => DhtId.Hash(DhtAddress.ToBytes(endpoint));
}
