using System.Buffers.Binary;

namespace Wisp.Protocol.Direct;

/// <summary>
/// One frame of Wisp's own protocol on a direct session (after Noise and the secret stream, so every frame is already
/// encrypted and authenticated to the peer's direct key). The first byte is the type:
/// <list type="bullet">
/// <item><c>01</c> message: seq (u32 BE) ‖ the message exactly as it would be stored in the recipient's swarm (sealed
/// 1:1 content, v1 or v2); the receiver opens it as if it had retrieved it, so the storage hash and what the sender
/// signed de-duplicate it against a copy that comes through the swarm.</item>
/// <item><c>02</c> ack: seq (u32 BE) of a message the receiver has stored.</item>
/// <item><c>10</c> file offer: transfer id (16) ‖ total bytes (u64 BE) ‖ SHA-256 of the ciphertext (32); <c>11</c> file
/// chunk: transfer id (16) ‖ chunk index (u32 BE) ‖ bytes; <c>12</c> file done: transfer id (16) ‖ chunk count (u32 BE);
/// <c>13</c> file ack: transfer id (16) ‖ chunks received in order (u32 BE; a count, so "none yet" is 0) ‖ state (u8:
/// 0 receiving, 1 stored: the whole file arrived and matched its digest, 2 refused: the receiver dropped it). The chunks
/// are the attachment's ciphertext, so the session carries nothing the file server would not have seen.</item>
/// <item><c>20</c> channel: channel (u16 BE, 1–1023) ‖ payload: a feature's own frames (history logs, …).</item>
/// </list>
/// </summary>
/// <param name="Type">The frame type.</param>
/// <param name="Seq">The sequence number (message, ack), or the chunk index or count (file chunk, file done, file ack); else 0.</param>
/// <param name="Channel">The channel (channel frames), else 0.</param>
/// <param name="TransferId">The transfer id (file frames, 16 bytes), else empty.</param>
/// <param name="Total">The total size (file offer), else 0.</param>
/// <param name="Payload">The message, chunk or channel payload; else empty.</param>
public sealed record DirectFrame(DirectFrameType Type, uint Seq, ushort Channel, byte[] TransferId, long Total, ReadOnlyMemory<byte> Payload)
{
    /// <summary>Length of a transfer id.</summary>
    public const int TransferIdBytes = 16;

    /// <summary>Length of a file's digest (SHA-256).</summary>
    public const int DigestBytes = 32;

    /// <summary>The SHA-256 of the file's ciphertext (file offer, 32 bytes); else empty.</summary>
    public byte[] Digest { get; init; } = [];

    /// <summary>What a file ack says; <see cref="FileAckState.Receiving"/> for every other frame.</summary>
    public FileAckState AckState { get; init; }

    /// <summary>A message frame.</summary>
    public static DirectFrame Message(uint seq, ReadOnlyMemory<byte> stored) => new(DirectFrameType.Message, seq, 0, [], 0, stored);

    /// <summary>An ack of message <paramref name="seq"/>.</summary>
    public static DirectFrame Ack(uint seq) => new(DirectFrameType.Ack, seq, 0, [], 0, ReadOnlyMemory<byte>.Empty);

    /// <summary>A frame on <paramref name="channel"/>.</summary>
    public static DirectFrame OnChannel(ushort channel, ReadOnlyMemory<byte> payload) => new(DirectFrameType.Channel, 0, channel, [], 0, payload);

    /// <summary>A file offer: <paramref name="total"/> bytes of ciphertext whose SHA-256 is <paramref name="digest"/>.</summary>
    public static DirectFrame FileOffer(byte[] transferId, long total, byte[] digest) =>
        new(DirectFrameType.FileOffer, 0, 0, transferId, total, ReadOnlyMemory<byte>.Empty) { Digest = digest };

    /// <summary>A file chunk.</summary>
    public static DirectFrame FileChunk(byte[] transferId, uint index, ReadOnlyMemory<byte> bytes) =>
        new(DirectFrameType.FileChunk, index, 0, transferId, 0, bytes);

    /// <summary>The end of a file of <paramref name="chunks"/> chunks.</summary>
    public static DirectFrame FileDone(byte[] transferId, uint chunks) => new(DirectFrameType.FileDone, chunks, 0, transferId, 0, ReadOnlyMemory<byte>.Empty);

    /// <summary>The receiver's word on a file: <paramref name="received"/> chunks in order so far, and its state.</summary>
    public static DirectFrame FileAck(byte[] transferId, uint received, FileAckState state) =>
        new(DirectFrameType.FileAck, received, 0, transferId, 0, ReadOnlyMemory<byte>.Empty) { AckState = state };

    /// <summary>The frame's bytes.</summary>
    public byte[] Encode()
    {
        var header = Type switch
        {
            DirectFrameType.Message or DirectFrameType.Ack => 1 + 4,
            DirectFrameType.Channel => 1 + 2,
            DirectFrameType.FileOffer => OfferBytes,
            DirectFrameType.FileChunk or DirectFrameType.FileDone => 1 + TransferIdBytes + 4,
            DirectFrameType.FileAck => AckBytes,
            _ => throw new InvalidOperationException($"unknown frame type {Type}"),
        };
        if ((Type is DirectFrameType.FileOffer or DirectFrameType.FileChunk or DirectFrameType.FileDone or DirectFrameType.FileAck && TransferId.Length != TransferIdBytes)
            || (Type == DirectFrameType.FileOffer && Digest.Length != DigestBytes))
            throw new ArgumentException($"A file frame needs a {TransferIdBytes}-byte transfer id (and an offer a {DigestBytes}-byte digest).");
        var bytes = new byte[header + Payload.Length];
        if (bytes.Length > DirectFrameLimits.MaxFrameBytes)
            throw new ArgumentException($"A direct frame is at most {DirectFrameLimits.MaxFrameBytes} bytes; this one is {bytes.Length}.");
        bytes[0] = (byte)Type;
        var rest = bytes.AsSpan(1);
        switch (Type)
        {
            case DirectFrameType.Message or DirectFrameType.Ack:
                BinaryPrimitives.WriteUInt32BigEndian(rest, Seq);
                break;
            case DirectFrameType.Channel:
                BinaryPrimitives.WriteUInt16BigEndian(rest, Channel);
                break;
            case DirectFrameType.FileOffer:
                TransferId.CopyTo(rest);
                BinaryPrimitives.WriteInt64BigEndian(rest[TransferIdBytes..], Total);
                Digest.CopyTo(rest[(TransferIdBytes + 8)..]);
                break;
            case DirectFrameType.FileAck:
                TransferId.CopyTo(rest);
                BinaryPrimitives.WriteUInt32BigEndian(rest[TransferIdBytes..], Seq);
                rest[TransferIdBytes + 4] = (byte)AckState;
                break;
            default:
                TransferId.CopyTo(rest);
                BinaryPrimitives.WriteUInt32BigEndian(rest[TransferIdBytes..], Seq);
                break;
        }
        Payload.Span.CopyTo(bytes.AsSpan(header));
        return bytes;
    }

    /// <summary>Reads a frame; null with why when it is malformed (the session is then closed: the peer does not speak Wisp).</summary>
    public static DirectFrame? TryDecode(ReadOnlyMemory<byte> bytes, out string? error)
    {
        error = null;
        if (bytes.Length > DirectFrameLimits.MaxFrameBytes)
            return Fail($"a frame of {bytes.Length} bytes, more than {DirectFrameLimits.MaxFrameBytes}", out error);
        if (bytes.Length == 0)
            return Fail("an empty frame", out error);
        var span = bytes.Span;
        var type = (DirectFrameType)span[0];
        switch (type)
        {
            case DirectFrameType.Message when bytes.Length > 5:
                return Message(BinaryPrimitives.ReadUInt32BigEndian(span[1..]), bytes[5..]);
            case DirectFrameType.Ack when bytes.Length == 5:
                return Ack(BinaryPrimitives.ReadUInt32BigEndian(span[1..]));
            case DirectFrameType.Channel when bytes.Length >= 3:
                var channel = BinaryPrimitives.ReadUInt16BigEndian(span[1..]);
                if (channel is 0 or > DirectFrameLimits.MaxChannel)
                    return Fail($"channel {channel} is outside 1–{DirectFrameLimits.MaxChannel}", out error);
                return OnChannel(channel, bytes[3..]);
            case DirectFrameType.FileOffer when bytes.Length == OfferBytes:
                var total = BinaryPrimitives.ReadInt64BigEndian(span[(1 + TransferIdBytes)..]);
                if (total < 0)
                    return Fail("a file offer with a negative size", out error);
                return FileOffer(span.Slice(1, TransferIdBytes).ToArray(), total, span.Slice(1 + TransferIdBytes + 8, DigestBytes).ToArray());
            case DirectFrameType.FileChunk when bytes.Length > 1 + TransferIdBytes + 4:
                return FileChunk(span.Slice(1, TransferIdBytes).ToArray(), BinaryPrimitives.ReadUInt32BigEndian(span[(1 + TransferIdBytes)..]),
                    bytes[(1 + TransferIdBytes + 4)..]);
            case DirectFrameType.FileDone when bytes.Length == 1 + TransferIdBytes + 4:
                return FileDone(span.Slice(1, TransferIdBytes).ToArray(), BinaryPrimitives.ReadUInt32BigEndian(span[(1 + TransferIdBytes)..]));
            case DirectFrameType.FileAck when bytes.Length == AckBytes:
                var state = (FileAckState)span[1 + TransferIdBytes + 4];
                if (state > FileAckState.Refused)
                    return Fail($"a file ack with unknown state {(byte)state}", out error);
                return FileAck(span.Slice(1, TransferIdBytes).ToArray(), BinaryPrimitives.ReadUInt32BigEndian(span[(1 + TransferIdBytes)..]), state);
            case DirectFrameType.Message or DirectFrameType.Ack or DirectFrameType.Channel
                or DirectFrameType.FileOffer or DirectFrameType.FileChunk or DirectFrameType.FileDone or DirectFrameType.FileAck:
                return Fail($"a {type} frame of the wrong length ({bytes.Length} bytes)", out error);
            default:
                return Fail($"unknown frame type 0x{span[0]:x2}", out error);
        }
    }

    private const int OfferBytes = 1 + TransferIdBytes + 8 + DigestBytes;
    private const int AckBytes = 1 + TransferIdBytes + 4 + 1;

    private static DirectFrame? Fail(string why, out string? error)
    {
        error = why;
        return null;
    }
}

/// <summary>The type byte of a <see cref="DirectFrame"/>.</summary>
public enum DirectFrameType : byte
{
    /// <summary>A stored-form 1:1 message.</summary>
    Message = 0x01,

    /// <summary>The receiver stored a message.</summary>
    Ack = 0x02,

    /// <summary>A file is coming.</summary>
    FileOffer = 0x10,

    /// <summary>One chunk of a file's ciphertext.</summary>
    FileChunk = 0x11,

    /// <summary>The file is complete.</summary>
    FileDone = 0x12,

    /// <summary>The receiver's progress on a file, or its end (stored, refused).</summary>
    FileAck = 0x13,

    /// <summary>A registered feature's frame.</summary>
    Channel = 0x20,
}

/// <summary>What a <see cref="DirectFrameType.FileAck"/> says about a file.</summary>
public enum FileAckState : byte
{
    /// <summary>Chunks are arriving; the count is how many in order so far.</summary>
    Receiving = 0,

    /// <summary>Every chunk arrived and the whole matched the offer's digest: the receiver keeps the file.</summary>
    Stored = 1,

    /// <summary>The receiver dropped the file (too big, too many at once, out of order, wrong digest); the sender uses the file server.</summary>
    Refused = 2,
}
