using System.Net;
using Wisp.Crypto.Keys;
using Wisp.Dht.Transport;

namespace Wisp.Dht;

/// <summary>
/// Wisp's DHT node: Kademlia over one UDP socket, announce and lookup by topic, servers found by key through forward
/// entries, and the stateless relaying of peers' handshake and hole-punch messages.
/// </summary>
public sealed class DhtNode : IAsyncDisposable
{
    /// <summary>A node on <paramref name="transport"/>; registers the DHT's two first bytes on its demux.</summary>
    public DhtNode(IDatagramTransport transport, DhtOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        Transport = transport;
        throw new NotImplementedException();
    }

    /// <summary>A node on a new real UDP socket bound to <paramref name="local"/>; disposing the node closes the socket.</summary>
    public static DhtNode BindUdp(IPEndPoint local, DhtOptions options, TimeProvider? time = null) => throw new NotImplementedException();

    /// <summary>The socket this node speaks on.</summary>
    public IDatagramTransport Transport { get; }

    /// <summary>BLAKE2b-256 of the node's public ip(4) ‖ port(u16 LE) once known.</summary>
    public DhtId Id => throw new NotImplementedException();

    /// <summary>Our public address from what other nodes observe (port 0 when it varies); null while unknown.</summary>
    public IPEndPoint? PublicEndPoint => throw new NotImplementedException();

    /// <summary>True until a PING_NAT check shows unsolicited datagrams reach this socket.</summary>
    public bool Firewalled => throw new NotImplementedException();

    /// <summary>Nodes in the routing table.</summary>
    public int RoutingTableSize => throw new NotImplementedException();

    /// <summary>Joins the DHT: FIND_NODE on our own id from the bootstrap list, NAT samples, a firewall check.</summary>
    public Task BootstrapAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>Announces <paramref name="keyPair"/>'s X25519 key under <paramref name="topic"/> at the closest nodes; returns how many stored it.</summary>
    public Task<int> AnnounceAsync(DhtId topic, Ed25519KeyPair keyPair, IReadOnlyList<IPEndPoint> relayAddresses, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>Removes <paramref name="keyPair"/>'s record under <paramref name="topic"/> from the closest nodes.</summary>
    public Task UnannounceAsync(DhtId topic, Ed25519KeyPair keyPair, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>The peers announced under <paramref name="topic"/>, one per public key.</summary>
    public Task<IReadOnlyList<PeerRecord>> LookupAsync(DhtId topic, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>Listens as a server on <paramref name="keyPair"/>: the closest nodes to its target become its relays and pass it handshakes.</summary>
    public Task<DhtListener> ListenAsync(Ed25519KeyPair keyPair, PeerRequestHandler handler, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>The DHT nodes that hold a forward entry for the server listening on <paramref name="publicKey"/>.</summary>
    public Task<IReadOnlyList<PeerRelay>> FindPeerAsync(X25519PublicKey publicKey, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>Sends <paramref name="value"/> to the server on <paramref name="server"/> through <paramref name="relay"/> and waits for its reply; null when none came.</summary>
    public Task<PeerReply?> RequestPeerAsync(PeerCommand command, IPEndPoint relay, X25519PublicKey server, ReadOnlyMemory<byte> value, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>Pings <paramref name="node"/> from this node's socket, or from <paramref name="via"/> (a socket with no DHT node on it); null on timeout.</summary>
    public Task<PingReply?> PingAsync(IPEndPoint node, IDatagramTransport? via = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Pings up to <paramref name="pings"/> known nodes from this socket or from <paramref name="via"/> and reports what they saw.</summary>
    public Task<NatSamples> SampleNatAsync(IDatagramTransport? via = null, int pings = 4, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => throw new NotImplementedException();
}
