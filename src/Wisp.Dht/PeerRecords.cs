using System.Net;
using Wisp.Crypto.Keys;

namespace Wisp.Dht;

/// <summary>A peer found under a topic or a server key: its public key and the DHT nodes that relay for it (at most <see cref="Limits.MaxRelayAddresses"/>).</summary>
public sealed record PeerRecord(X25519PublicKey PublicKey, IReadOnlyList<IPEndPoint> RelayAddresses);

/// <summary>A DHT node that holds a server's forward entry, so a PEER_HANDSHAKE sent to <see cref="Relay"/> reaches the server.</summary>
public sealed record PeerRelay(IPEndPoint Relay, PeerRecord Record);

/// <summary>The two peer-to-peer messages the DHT relays without reading them.</summary>
public enum PeerCommand
{
    /// <summary>The Noise handshake between client and server.</summary>
    Handshake = 0,

    /// <summary>The hole-punch coordination after the handshake.</summary>
    Holepunch = 1,
}

/// <summary>The server's answer to a relayed request.</summary>
/// <param name="Value">The server's opaque reply.</param>
/// <param name="ServerAddress">The server's address as the relay sees it (its NAT mapping towards the relay).</param>
/// <param name="Relay">The node that relayed (or the server itself when it was asked directly).</param>
public sealed record PeerReply(ReadOnlyMemory<byte> Value, IPEndPoint ServerAddress, IPEndPoint Relay);

/// <summary>A relayed request arriving at a listening server.</summary>
/// <param name="Command">Handshake or holepunch.</param>
/// <param name="Value">The client's opaque value.</param>
/// <param name="ClientAddress">The client's address as the relay sees it (or as the server sees it when it came direct).</param>
/// <param name="Relay">The node that relayed it; null when the client came direct.</param>
public sealed record PeerRequest(PeerCommand Command, ReadOnlyMemory<byte> Value, IPEndPoint ClientAddress, IPEndPoint? Relay);

/// <summary>Answers one relayed request; null sends no reply (the client times out).</summary>
public delegate ValueTask<ReadOnlyMemory<byte>?> PeerRequestHandler(PeerRequest request, CancellationToken cancellationToken);

/// <summary>A DHT node's answer to a ping.</summary>
/// <param name="Node">The node pinged.</param>
/// <param name="ObservedAddress">Our address as that node saw it: our NAT's mapping towards it.</param>
public sealed record PingReply(IPEndPoint Node, IPEndPoint ObservedAddress);

/// <summary>What several DHT nodes saw of one socket.</summary>
/// <param name="Replies">One per node that answered.</param>
/// <param name="Consensus">host:port when the samples agree, host:0 when the host agrees but ports vary, null when unknown.</param>
public sealed record NatSamples(IReadOnlyList<PingReply> Replies, IPEndPoint? Consensus);
