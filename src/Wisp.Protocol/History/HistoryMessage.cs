using System.Text;

namespace Wisp.Protocol.History;

/// <summary>
/// One message of log replication on a direct session's "history" channel, as Hypercore's replicator speaks (sync,
/// request, data, no-data), cut to what Wisp needs: whole-log, in-order fetching of small logs.
/// </summary>
/// <remarks>
/// Bytes: <c>u8 type ‖ body</c>. Type 0 <see cref="HistorySync"/>, 1 <see cref="HistoryRequest"/>, 2
/// <see cref="HistoryData"/>, 3 <see cref="HistoryNoData"/>; each body is described on its record.
/// </remarks>
public abstract record HistoryMessage
{
    /// <summary>The message's bytes.</summary>
    public byte[] Encode()
    {
        var writer = new HistoryWriter();
        Write(writer);
        return writer.ToArray();
    }

    /// <summary>Reads one message; a <see cref="HistoryFormatException"/> says what was wrong.</summary>
    public static HistoryMessage Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length > HistoryLimits.MaxMessageBytes)
            throw new HistoryFormatException($"a history message of {data.Length} bytes; at most {HistoryLimits.MaxMessageBytes} are allowed.");
        var reader = new HistoryReader(data);
        HistoryMessage message = reader.U8() switch
        {
            0 => HistorySync.Read(ref reader),
            1 => HistoryRequest.Read(ref reader),
            2 => HistoryData.Read(ref reader),
            3 => HistoryNoData.Read(ref reader),
            var type => throw new HistoryFormatException($"a history message of unknown type {type}."),
        };
        reader.End("a history message");
        return message;
    }

    internal abstract void Write(HistoryWriter writer);
}

/// <summary>One log a peer holds: what it is and its latest signed head that the peer holds every block of.</summary>
public sealed record HeldLog(LogManifest Manifest, SignedTreeHead Head);

/// <summary>
/// "I hold these logs up to these signed lengths", sent when a side opens replication (<see cref="ReplyWanted"/>: the
/// other side answers with its own sync, without the flag). Only logs the receiver may have are listed (a contact: the
/// logs of the conversation with them; an own device: all).
/// Body: <c>u8 flags (bit 0: reply wanted) ‖ u32LE n ‖ n × (manifest (195) ‖ head (104))</c>.
/// </summary>
public sealed record HistorySync(IReadOnlyList<HeldLog> Logs, bool ReplyWanted = false) : HistoryMessage
{
    internal override void Write(HistoryWriter writer)
    {
        writer.U8(0).U8(ReplyWanted ? (byte)1 : (byte)0).U32((uint)Logs.Count);
        foreach (var log in Logs)
        {
            writer.Fixed(log.Manifest.Encode());
            log.Head.Write(writer);
        }
    }

    internal static HistorySync Read(ref HistoryReader reader)
    {
        var flags = reader.U8();
        if (flags > 1)
            throw new HistoryFormatException($"a history sync's flags are {flags}; only bit 0 is defined.");
        var logs = new HeldLog[reader.Count(HistoryLimits.MaxLogsPerSync, "a sync")];
        for (var i = 0; i < logs.Length; i++)
        {
            var manifest = LogManifest.Read(ref reader);
            logs[i] = new HeldLog(manifest, SignedTreeHead.Read(ref reader, manifest.LogId));
        }
        return new HistorySync(logs, flags == 1);
    }
}

/// <summary>
/// A request for blocks <c>[Start, Start + Count)</c> of a log, proven against the responder's latest held head, with
/// an upgrade proof from <see cref="TrustedLength"/> (the length the requester holds; 0 when none).
/// Body: <c>u32LE id ‖ log id (32) ‖ u64LE start ‖ u32LE count ‖ u64LE trusted length</c>.
/// </summary>
public sealed record HistoryRequest(uint Id, byte[] LogId, ulong Start, uint Count, ulong TrustedLength) : HistoryMessage
{
    internal override void Write(HistoryWriter writer) =>
        writer.U8(1).U32(Id).Fixed(LogId).U64(Start).U32(Count).U64(TrustedLength);

    internal static HistoryRequest Read(ref HistoryReader reader) =>
        new(reader.U32(), reader.Fixed(32), reader.U64(), reader.U32(), reader.U64());
}

/// <summary>
/// The answer to a request: the responder's head, the upgrade nodes from the requester's trusted length, and the
/// range with its proof (absent when the range was empty).
/// Body: <c>u32LE id ‖ log id (32) ‖ head (104) ‖ u32LE m ‖ m × node ‖ u8 has range ‖ [range proof]</c>.
/// </summary>
public sealed record HistoryData(uint Id, SignedTreeHead Head, IReadOnlyList<TreeNode> Upgrade, RangeProof? Range) : HistoryMessage
{
    internal override void Write(HistoryWriter writer)
    {
        writer.U8(2).U32(Id).Fixed(Head.LogId);
        Head.Write(writer);
        writer.Nodes(Upgrade).U8(Range is null ? (byte)0 : (byte)1);
        Range?.Write(writer);
    }

    internal static HistoryData Read(ref HistoryReader reader)
    {
        var id = reader.U32();
        var head = SignedTreeHead.Read(ref reader, reader.Fixed(32));
        var upgrade = RangeProof.ReadNodes(ref reader);
        var range = reader.U8() switch
        {
            0 => null,
            1 => RangeProof.Read(ref reader),
            var flag => throw new HistoryFormatException($"a history data message's range flag is {flag}."),
        };
        return new HistoryData(id, head, upgrade, range);
    }
}

/// <summary>
/// A refused request: an unknown log, one the asker may not have, or a range the responder does not hold.
/// Body: <c>u32LE id ‖ log id (32) ‖ u32LE length ‖ UTF-8 reason</c>.
/// </summary>
public sealed record HistoryNoData(uint Id, byte[] LogId, string Reason) : HistoryMessage
{
    private const int MaxReasonBytes = 256;

    internal override void Write(HistoryWriter writer) => writer.U8(3).U32(Id).Fixed(LogId).Bytes(Encoding.UTF8.GetBytes(Reason));

    internal static HistoryNoData Read(ref HistoryReader reader) =>
        new(reader.U32(), reader.Fixed(32), Encoding.UTF8.GetString(reader.Bytes(MaxReasonBytes, "a reason")));
}
