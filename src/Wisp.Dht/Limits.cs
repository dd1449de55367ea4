namespace Wisp.Dht;

/// <summary>The DHT's limits and timings, each with its unit and reason. Everything a peer controls is bounded here.</summary>
public static class Limits
{
    /// <summary>Largest datagram read (1,500 bytes): an Ethernet MTU; no Wisp datagram is bigger, and bigger ones would fragment.</summary>
    public const int MaxDatagramBytes = 1500;

    /// <summary>Relay addresses kept in a peer record (3): a server's three closest relays, as HyperDHT keeps.</summary>
    public const int MaxRelayAddresses = 3;
}
