namespace Wisp.Protocol.History;

/// <summary>
/// One block of a log: a 1:1 message this device sent in the log's conversation. Its identity is (the log's owner, the
/// log's conversation, <see cref="SentAtMs"/>), the same key by which Wisp already recognises a message it holds; the
/// content is Session's protobuf <c>Content</c> exactly as sealed for the peer (text, quote, timer change, and
/// attachments as their pointers: URL, key and digest — the file server keeps the bytes only as long as it keeps them).
/// </summary>
/// <remarks>
/// Bytes: <c>u8 version (1) ‖ previous (32) ‖ u64LE sent_at ‖ u32LE content length ‖ content</c>. <c>previous</c> is
/// the leaf hash of the block before (32 zero bytes for block 0): the chain the issue asks for. The Merkle tree alone
/// already fixes every block before a signed length; the chain adds that one block, even without a proof, names the
/// one before it.
/// </remarks>
public sealed record LogEntry(byte[] Previous, long SentAtMs, byte[] Content)
{
    /// <summary>The only version.</summary>
    public const byte Version = 1;

    /// <summary>The <see cref="Previous"/> of block 0.</summary>
    public static byte[] Genesis => new byte[TreeHashes.HashBytes];

    /// <summary>The entry's bytes (what the leaf hashes).</summary>
    public byte[] Encode()
    {
        if (Previous.Length != TreeHashes.HashBytes)
            throw new ArgumentException("previous is a 32-byte hash.", nameof(Previous));
        var bytes = new HistoryWriter().U8(Version).Fixed(Previous).U64((ulong)SentAtMs).Bytes(Content).ToArray();
        if (bytes.Length > HistoryLimits.MaxEntryBytes)
            throw new ArgumentException($"a log entry is at most {HistoryLimits.MaxEntryBytes} bytes; this one is {bytes.Length}.", nameof(Content));
        return bytes;
    }

    /// <summary>Reads an entry.</summary>
    public static LogEntry Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length > HistoryLimits.MaxEntryBytes)
            throw new HistoryFormatException($"a log entry of {data.Length} bytes; at most {HistoryLimits.MaxEntryBytes} are allowed.");
        var reader = new HistoryReader(data);
        var version = reader.U8();
        if (version != Version)
            throw new HistoryFormatException($"a log entry of version {version}; this Wisp reads version {Version}.");
        var previous = reader.Fixed(TreeHashes.HashBytes);
        var sentAt = reader.U64();
        if (sentAt > long.MaxValue)
            throw new HistoryFormatException("a log entry's sent_at is out of range.");
        var content = reader.Bytes(HistoryLimits.MaxEntryBytes, "a log entry's content");
        reader.End("a log entry");
        return new LogEntry(previous, (long)sentAt, content);
    }
}
