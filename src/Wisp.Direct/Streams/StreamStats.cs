using System.Net;

namespace Wisp.Direct.Streams;

/// <summary>A snapshot of one stream's counters, for <c>wisp p2p status</c> and the bench.</summary>
public sealed record StreamStats(
    uint LocalId,
    uint RemoteId,
    IPEndPoint? Remote,
    StreamCloseReason Closed,
    long BytesSent,
    long BytesReceived,
    long PacketsSent,
    long PacketsReceived,
    long Retransmits,
    TimeSpan? SmoothedRtt,
    TimeSpan Rto,
    int CongestionWindow,
    long SendBufferedBytes,
    long ReceiveBufferedBytes);
