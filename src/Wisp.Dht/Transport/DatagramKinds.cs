namespace Wisp.Dht.Transport;

/// <summary>The first byte of each kind of datagram on a shared socket (a datagram of one byte or none is a hole-punch probe).</summary>
public static class DatagramKinds
{
    /// <summary>A DHT request: type 0 in the high nibble, wire version 3 in the low one (as dht-rpc).</summary>
    public const byte DhtRequest = 0x03;

    /// <summary>A DHT response: type 1, version 3.</summary>
    public const byte DhtResponse = 0x13;

    /// <summary>Blind-relay control (pair / unpair).</summary>
    public const byte RelayControl = 0x04;

    /// <summary>A reliable-stream packet (the stream header's magic byte).</summary>
    public const byte Stream = 0xFF;
}
