using System.Net;

namespace Wisp.Protocol.Dht;

/// <summary>Who sent a <see cref="PeerEnvelope"/> on its way between client, relay and server.</summary>
public enum PeerMode : byte
{
    /// <summary>Client to relay (or straight to the server).</summary>
    FromClient = 0,
    /// <summary>Server to relay: the server's answer, with the client's address to send it on to.</summary>
    FromServer = 1,
    /// <summary>Relay to server: the client's value, with the client's address as the relay saw it.</summary>
    FromRelay = 2,
    /// <summary>Relay (or server) to client: the answer, with the server's address as the relay saw it.</summary>
    Reply = 4,
}

/// <summary>
/// The value of PEER_HANDSHAKE and PEER_HOLEPUNCH: <c>mode u8 | flags u8 | [peer address(6): f1] | value u16 LE length + bytes ≤ 1,000</c>.
/// The relay reads only the mode and address; the value (Noise messages, hole-punch offers) is opaque to the DHT.
/// </summary>
public sealed record PeerEnvelope(PeerMode Mode, IPEndPoint? PeerAddress, byte[] Value)
{
    private const byte HasPeerAddress = 1;

    /// <summary>The envelope, or null when the bytes are not one.</summary>
    public static PeerEnvelope? Parse(ReadOnlySpan<byte> bytes)
    {
        var r = new DhtWireReader(bytes);
        if (!r.TryByte(out var mode) || !Enum.IsDefined((PeerMode)mode) || !r.TryByte(out var flags)) return null;
        IPEndPoint? peer = null;
        if ((flags & HasPeerAddress) != 0)
        {
            if (!r.TryAddress(out var address)) return null;
            peer = address;
        }
        if (!r.TryBuffer(out var value) || value.Length > DhtLimits.MaxPeerValueBytes || !r.AtEnd) return null;
        return new PeerEnvelope((PeerMode)mode, peer, value);
    }

    /// <summary>The encoded value.</summary>
    public byte[] Encode()
    {
        if (Value.Length > DhtLimits.MaxPeerValueBytes)
            throw new ArgumentException($"A relayed peer value is at most {DhtLimits.MaxPeerValueBytes} bytes; got {Value.Length}.", nameof(Value));
        var bytes = new byte[2 + (PeerAddress is null ? 0 : DhtAddress.Bytes) + 2 + Value.Length];
        var w = new DhtWireWriter(bytes);
        w.Byte((byte)Mode);
        w.Byte(PeerAddress is null ? (byte)0 : HasPeerAddress);
        if (PeerAddress is not null) w.Address(PeerAddress);
        w.Buffer(Value);
        return bytes;
    }
}
