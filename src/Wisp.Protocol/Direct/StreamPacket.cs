using System.Buffers.Binary;
using System.Text;
using Wisp.Crypto.Hashing;

namespace Wisp.Protocol.Direct;

/// <summary>
/// One packet of a reliable stream over UDP, modelled on UDX's 20-byte header: <c>0xFF</c> magic, version 1, type
/// flags, SACK block count, then little-endian u32s remote stream id, receive window (bytes), sequence number and
/// cumulative ack (next sequence expected); then <c>count</c> SACK blocks (u32 start, u32 end, LE), then the payload.
/// A whole datagram is at most <see cref="MaxDatagramBytes"/>. A DESTROY carries nothing, or (on a session's stream)
/// exactly <see cref="DestroyProofBytes"/> of proof that the peer sent it (<see cref="DestroyProof"/>).
/// </summary>
public sealed record StreamPacket(
    StreamPacketType Type, uint RemoteId, uint Window, uint Seq, uint Ack, IReadOnlyList<SackBlock> Sacks, byte[] Payload)
{
    /// <summary>First byte of every stream packet; the socket's demux sends these to the stream layer.</summary>
    public const byte Magic = 0xFF;

    /// <summary>The only header version Wisp writes and reads.</summary>
    public const byte Version = 1;

    /// <summary>Fixed header bytes before any SACK block.</summary>
    public const int HeaderBytes = 20;

    /// <summary>Largest datagram (1,200 bytes): fits every path's MTU after IPv6 and UDP headers, as UDX starts with.</summary>
    public const int MaxDatagramBytes = 1200;

    /// <summary>Largest payload of a packet without SACK blocks (1,180 bytes).</summary>
    public const int MaxPayloadBytes = MaxDatagramBytes - HeaderBytes;

    /// <summary>Most SACK blocks one packet carries (8): enough to describe the holes of a lossy window.</summary>
    public const int MaxSackBlocks = 8;

    /// <summary>Length of a DESTROY's proof (16 bytes, BLAKE2b's smallest recommended output: not guessable).</summary>
    public const int DestroyProofBytes = 16;

    private const StreamPacketType KnownTypes = (StreamPacketType)63;

    private static readonly byte[] DestroyNamespace = Encoding.UTF8.GetBytes("wisp/stream-destroy/1");

    /// <summary>
    /// The proof a session's DESTROY carries: keyed BLAKE2b-128 (key = the Noise handshake hash) over
    /// <c>"wisp/stream-destroy/1" ‖ role</c>, role 0 when the Noise initiator sends it, 1 when the responder does. Only
    /// the two peers know the handshake hash, so neither the blind relay nor anyone on the path can forge it.
    /// </summary>
    public static byte[] DestroyProof(ReadOnlySpan<byte> handshakeHash, bool fromInitiator) =>
        Blake2b.Hash([.. DestroyNamespace, fromInitiator ? (byte)0 : (byte)1], DestroyProofBytes, handshakeHash);

    /// <summary>Bytes this packet takes on the wire.</summary>
    public int Size => HeaderBytes + 8 * Sacks.Count + Payload.Length;

    /// <summary>Writes the packet into a new array, refusing shapes a reader would refuse.</summary>
    public byte[] ToBytes()
    {
        if (Sacks.Count > MaxSackBlocks)
            throw new ArgumentException($"at most {MaxSackBlocks} SACK blocks", nameof(Sacks));
        if (Size > MaxDatagramBytes)
            throw new ArgumentException($"a stream packet is at most {MaxDatagramBytes} bytes", nameof(Payload));
        var bytes = new byte[Size];
        bytes[0] = Magic;
        bytes[1] = Version;
        bytes[2] = (byte)Type;
        bytes[3] = (byte)Sacks.Count;
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], RemoteId);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], Window);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], Seq);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], Ack);
        var at = HeaderBytes;
        foreach (var block in Sacks)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[at..], block.Start);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 4)..], block.End);
            at += 8;
        }
        Payload.CopyTo(span[at..]);
        return bytes;
    }

    /// <summary>
    /// Reads a packet, or null when it is not one Wisp accepts: wrong magic or version, unknown type bits, too many
    /// SACK blocks or more than the datagram holds, a payload on a type that carries none, an empty DATA packet.
    /// </summary>
    public static StreamPacket? TryRead(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < HeaderBytes || datagram.Length > MaxDatagramBytes)
            return null;
        if (datagram[0] != Magic || datagram[1] != Version)
            return null;
        var type = (StreamPacketType)datagram[2];
        if (type == StreamPacketType.None || (type & ~KnownTypes) != 0)
            return null;
        int count = datagram[3];
        if (count > MaxSackBlocks || HeaderBytes + 8 * count > datagram.Length)
            return null;
        if (count > 0 && (type & StreamPacketType.Sack) == 0)
            return null;
        var payloadLength = datagram.Length - HeaderBytes - 8 * count;
        var carriesPayload = (type & (StreamPacketType.Data | StreamPacketType.Message)) != 0
            || (type == StreamPacketType.Destroy && payloadLength == DestroyProofBytes);
        if (payloadLength > 0 && !carriesPayload)
            return null;
        if (payloadLength == 0 && (type & StreamPacketType.Data) != 0)
            return null;
        var sacks = count == 0 ? (IReadOnlyList<SackBlock>)[] : new SackBlock[count];
        for (var i = 0; i < count; i++)
        {
            var at = HeaderBytes + 8 * i;
            ((SackBlock[])sacks)[i] = new SackBlock(
                BinaryPrimitives.ReadUInt32LittleEndian(datagram[at..]), BinaryPrimitives.ReadUInt32LittleEndian(datagram[(at + 4)..]));
        }
        return new StreamPacket(type,
            BinaryPrimitives.ReadUInt32LittleEndian(datagram[4..]),
            BinaryPrimitives.ReadUInt32LittleEndian(datagram[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(datagram[12..]),
            BinaryPrimitives.ReadUInt32LittleEndian(datagram[16..]),
            sacks,
            datagram[(HeaderBytes + 8 * count)..].ToArray());
    }

    /// <summary>The remote stream id of a datagram that looks like a stream packet, without decoding the rest.</summary>
    public static bool TryPeekRemoteId(ReadOnlySpan<byte> datagram, out uint remoteId)
    {
        remoteId = 0;
        if (datagram.Length < HeaderBytes || datagram.Length > MaxDatagramBytes || datagram[0] != Magic || datagram[1] != Version)
            return false;
        remoteId = BinaryPrimitives.ReadUInt32LittleEndian(datagram[4..]);
        return true;
    }

    /// <summary>Overwrites the remote stream id in place: the blind relay's only change to a packet it forwards.</summary>
    public static void RewriteRemoteId(Span<byte> datagram, uint remoteId) =>
        BinaryPrimitives.WriteUInt32LittleEndian(datagram[4..], remoteId);
}
