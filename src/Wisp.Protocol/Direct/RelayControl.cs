using System.Buffers.Binary;

namespace Wisp.Protocol.Direct;

/// <summary>What a blind-relay control datagram asks or answers (byte 2).</summary>
public enum RelayMessageType : byte
{
    /// <summary>Peer → relay: pair me with whoever presents this token; <c>StreamId</c> is my own stream id.</summary>
    Pair = 1,

    /// <summary>Peer → relay: forget this token's pairing.</summary>
    Unpair = 2,

    /// <summary>Relay → peer: paired; <c>StreamId</c> is the relay's id your stream sends to.</summary>
    Paired = 3,

    /// <summary>Relay → peer: refused, <c>Reason</c> says why.</summary>
    Refused = 4,
}

/// <summary>Why a relay refused a control datagram (byte 40 of a <see cref="RelayMessageType.Refused"/>).</summary>
public enum RelayRefusal : byte
{
    /// <summary>Not a refusal.</summary>
    None = 0,

    /// <summary>The relay holds no pairing for this token.</summary>
    UnknownToken = 1,

    /// <summary>The relay holds as many pairs as it allows.</summary>
    Busy = 2,

    /// <summary>This side of the token is already taken by another address.</summary>
    TokenInUse = 3,

    /// <summary>The token's pairing timed out or ended; it is not reused.</summary>
    Expired = 4,
}

/// <summary>
/// A blind-relay control datagram, fixed 41 bytes: <c>0x04</c> magic, version 1, type, flags (bit 0: initiator),
/// 32-byte token, u32 LE stream id, refusal reason.
/// </summary>
public sealed record RelayControl(RelayMessageType Type, bool IsInitiator, byte[] Token, uint StreamId, RelayRefusal Reason)
{
    /// <summary>First byte of every relay control datagram; the socket's demux sends these to the relay code.</summary>
    public const byte Magic = 0x04;

    /// <summary>The only version Wisp writes and reads.</summary>
    public const byte Version = 1;

    /// <summary>Bytes of the pairing token (32): random, chosen by one peer and sent inside the Noise handshake.</summary>
    public const int TokenBytes = 32;

    /// <summary>Exact size of every control datagram.</summary>
    public const int Size = 41;

    /// <summary>Writes the record, refusing a token of the wrong length.</summary>
    public byte[] ToBytes()
    {
        if (Token.Length != TokenBytes)
            throw new ArgumentException($"a relay token is {TokenBytes} bytes", nameof(Token));
        var bytes = new byte[Size];
        bytes[0] = Magic;
        bytes[1] = Version;
        bytes[2] = (byte)Type;
        bytes[3] = IsInitiator ? (byte)1 : (byte)0;
        Token.CopyTo(bytes, 4);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(36), StreamId);
        bytes[40] = (byte)Reason;
        return bytes;
    }

    /// <summary>Reads a control datagram, or null when the size, magic, version, type, flags or reason are not Wisp's.</summary>
    public static RelayControl? TryRead(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length != Size || datagram[0] != Magic || datagram[1] != Version)
            return null;
        var type = (RelayMessageType)datagram[2];
        if (type is < RelayMessageType.Pair or > RelayMessageType.Refused || datagram[3] > 1)
            return null;
        var reason = (RelayRefusal)datagram[40];
        if (reason > RelayRefusal.Expired || (reason != RelayRefusal.None) != (type == RelayMessageType.Refused))
            return null;
        return new RelayControl(type, datagram[3] == 1, datagram[4..36].ToArray(),
            BinaryPrimitives.ReadUInt32LittleEndian(datagram[36..]), reason);
    }
}
