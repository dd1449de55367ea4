using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Monitor;

/// <summary>What a frame from the node is.</summary>
public enum MonitorFrameKind
{
    /// <summary>Not bencode, or no known shape.</summary>
    Invalid,
    /// <summary>The connection's first frame (<see cref="MonitorHello"/>).</summary>
    Hello,
    /// <summary>A newly stored message (<see cref="MonitorNotification"/>).</summary>
    Notification,
    /// <summary>The reply to a subscribe frame (<see cref="MonitorReply"/>, one or a list).</summary>
    SubscribeReply,
    /// <summary>The end of a resume (<see cref="MonitorResumeReply"/>).</summary>
    ResumeReply,
}

/// <summary>
/// A frame from the node, told apart by shape: a list is a subscribe reply; a dict with <c>@</c> a notification,
/// with <c>store</c> a hello, with <c>subscribe</c> a resume reply, and otherwise a subscribe reply.
/// </summary>
public sealed record MonitorFrame(
    MonitorFrameKind Kind, MonitorHello? Hello = null, MonitorNotification? Notification = null,
    IReadOnlyList<MonitorReply>? Replies = null, MonitorResumeReply? ResumeReply = null)
{
    /// <summary>Reads one frame the node sent.</summary>
    public static MonitorFrame Read(ReadOnlyMemory<byte> bytes)
    {
        var decoded = BencodeReader.Decode(bytes);
        if (!decoded.Ok)
            return new MonitorFrame(MonitorFrameKind.Invalid);
        var value = decoded.Value;
        if (value is BencodeDictionary d)
        {
            if (MonitorBt.Has(d, "@"))
                return MonitorNotification.FromBencode(d) is { } n ? new MonitorFrame(MonitorFrameKind.Notification, Notification: n) : Invalid;
            if (MonitorBt.Has(d, "store"))
                return MonitorHello.FromBencode(d) is { } h ? new MonitorFrame(MonitorFrameKind.Hello, Hello: h) : Invalid;
            if (MonitorBt.Has(d, "subscribe"))
                return MonitorResumeReply.FromBencode(d) is { } r ? new MonitorFrame(MonitorFrameKind.ResumeReply, ResumeReply: r) : Invalid;
        }
        return MonitorReply.ListFromBencode(value) is { } replies
            ? new MonitorFrame(MonitorFrameKind.SubscribeReply, Replies: replies)
            : Invalid;
    }

    private static MonitorFrame Invalid { get; } = new(MonitorFrameKind.Invalid);
}
