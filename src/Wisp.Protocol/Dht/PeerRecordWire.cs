using System.Net;

namespace Wisp.Protocol.Dht;

/// <summary>
/// A peer as the DHT stores it: <c>publicKey 32 | u8 count ≤ 3 | relay addr(6) × count</c> (HyperDHT's <c>peer</c>
/// with a one-byte count). The public key is the peer's X25519 direct key; the relays are DHT nodes that hold its
/// forward entry.
/// </summary>
public sealed record PeerRecordWire(byte[] PublicKey, IReadOnlyList<IPEndPoint> RelayAddresses)
{
    /// <summary>Bytes of the record.</summary>
    public int Size => DhtLimits.IdBytes + 1 + RelayAddresses.Count * DhtAddress.Bytes;

    /// <summary>Largest encoded record.</summary>
    public const int MaxSize = DhtLimits.IdBytes + 1 + DhtLimits.MaxRelayAddresses * DhtAddress.Bytes;

    /// <summary>The record alone, or null when the bytes are not exactly one.</summary>
    public static PeerRecordWire? Parse(ReadOnlySpan<byte> bytes)
    {
        var r = new DhtWireReader(bytes);
        return TryRead(ref r, out var record) && r.AtEnd ? record : null;
    }

    /// <summary>The encoded record.</summary>
    public byte[] Encode()
    {
        Check();
        var bytes = new byte[Size];
        var w = new DhtWireWriter(bytes);
        Write(ref w);
        return bytes;
    }

    internal static bool TryRead(ref DhtWireReader r, out PeerRecordWire record)
    {
        record = null!;
        if (!r.TryBytes(DhtLimits.IdBytes, out var key) || !r.TryAddresses(DhtLimits.MaxRelayAddresses, out var relays)) return false;
        record = new PeerRecordWire(key, relays);
        return true;
    }

    internal void Write(ref DhtWireWriter w)
    {
        w.Bytes(PublicKey);
        w.Addresses(RelayAddresses);
    }

    internal void Check()
    {
        if (PublicKey.Length != DhtLimits.IdBytes)
            throw new ArgumentException($"A peer's public key is {DhtLimits.IdBytes} bytes; got {PublicKey.Length}.", nameof(PublicKey));
        if (RelayAddresses.Count > DhtLimits.MaxRelayAddresses)
            throw new ArgumentException($"A peer record has at most {DhtLimits.MaxRelayAddresses} relays; got {RelayAddresses.Count}.", nameof(RelayAddresses));
    }
}
