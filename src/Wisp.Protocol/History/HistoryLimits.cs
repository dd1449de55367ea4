namespace Wisp.Protocol.History;

/// <summary>Bounds on everything a peer controls in a history log or its replication.</summary>
public static class HistoryLimits
{
    /// <summary>Bytes of one log entry: a 1:1 message's content is well under Session's 10 KB padded limit, attachments are pointers.</summary>
    public const int MaxEntryBytes = 64 * 1024;

    /// <summary>Blocks in one range answer: bounds one answer to ~16 MB at the entry limit and keeps a proof's work small.</summary>
    public const int MaxRangeBlocks = 256;

    /// <summary>Nodes in one proof: a minimal proof has at most about 2·64 (two sides of a range per level of a 2^64 tree).</summary>
    public const int MaxProofNodes = 160;

    /// <summary>Logs named in one sync message: 400 × 299 bytes fits one 128 KiB direct frame.</summary>
    public const int MaxLogsPerSync = 400;

    /// <summary>Block bytes in one range answer: with its proof it fits one 128 KiB direct frame (at least one block is always sent).</summary>
    public const int MaxAnswerBlockBytes = 96 * 1024;

    /// <summary>Bytes of one replication message on a channel: the largest range answer, framed.</summary>
    public const int MaxMessageBytes = (MaxRangeBlocks * (MaxEntryBytes + 8)) + (MaxProofNodes * TreeNode.WireBytes) + 4096;

    /// <summary>A log's length: far beyond what one device sends, and small enough that sizes never overflow.</summary>
    public const ulong MaxLength = 1UL << 40;
}
