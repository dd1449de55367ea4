namespace Wisp.Protocol.Dht;

/// <summary>Sizes the DHT's wire shapes are held to; the node's own limits and timings are in Wisp.Dht's Limits.</summary>
public static class DhtLimits
{
    /// <summary>Bytes of an id, token or target (32): BLAKE2b-256.</summary>
    public const int IdBytes = 32;

    /// <summary>Closer nodes in one reply (20): Kademlia's k.</summary>
    public const int MaxCloserNodes = 20;

    /// <summary>Largest value in a request or response (1,200 bytes): what fits one datagram beside the header and 20 closer nodes.</summary>
    public const int MaxValueBytes = 1200;

    /// <summary>Relay addresses in one peer record (3): a server's three closest relays, as HyperDHT keeps.</summary>
    public const int MaxRelayAddresses = 3;

    /// <summary>Records in one lookup reply (16): 16 records of 51 bytes fit a datagram with the header and closer nodes.</summary>
    public const int MaxLookupRecords = 16;

    /// <summary>Largest opaque peer value relayed in PEER_HANDSHAKE / PEER_HOLEPUNCH (1,000 bytes): a Noise IK message with its payload, inside <see cref="MaxValueBytes"/> after the envelope.</summary>
    public const int MaxPeerValueBytes = 1000;
}
