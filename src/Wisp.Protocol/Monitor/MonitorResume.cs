using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Monitor;

/// <summary>
/// A reconnecting subscriber's first subscribing frame: <c>cursor</c>, the highest notification cursor it processed
/// from this node; <c>store</c>, the store id of the hello it got that cursor under; <c>subscribe</c>, its
/// subscriptions (a <see cref="MonitorSubscribeBatch"/>: dict or list). The node subscribes them, sends every message
/// it still holds after the cursor for them, in cursor order, then a <see cref="MonitorResumeReply"/>.
/// </summary>
public sealed record MonitorResumeRequest(long Cursor, string Store, MonitorSubscribeBatch Subscribe)
{
    /// <summary>The frame's bytes.</summary>
    public byte[] Encode() => BencodeWriter.Encode(new BencodeDictionary(
    [
        MonitorBt.Entry("cursor", Cursor),
        MonitorBt.Entry("store", Store),
        new("subscribe", Subscribe.ToBencode()),
    ]));

    /// <summary>True when a decoded frame is a resume rather than a subscribe (a dict with a <c>cursor</c> key, which no Session key is).</summary>
    public static bool IsResume(BencodeValue? value) => value is BencodeDictionary d && MonitorBt.Has(d, "cursor");

    /// <summary>Reads a resume frame; null with the refusing reply in <paramref name="error"/> when it is malformed.</summary>
    public static MonitorResumeRequest? Read(BencodeValue? value, out MonitorReply? error)
    {
        error = null;
        if (value is not BencodeDictionary d || MonitorBt.Integer(d, "cursor") is not { } cursor || cursor < 0
            || MonitorBt.Text(d, "store") is not { } store || !d.TryGetValue("subscribe", out var subscribe))
        {
            error = MonitorReply.Failure(MonitorResponseCode.BadArgs, "Invalid arguments: resume needs cursor, store and subscribe");
            return null;
        }
        return MonitorSubscribeBatch.Read(subscribe, out error) is { } batch ? new MonitorResumeRequest(cursor, store, batch) : null;
    }
}

/// <summary>
/// The end of a resume: <c>cursor</c>, the node's arrival cursor (everything up to it for these subscriptions has been
/// sent); <c>replayed</c>, how many notifications the resume sent; <c>subscribe</c>, the subscribe replies (a dict or
/// a list, as for a subscribe frame). A refused resume has <c>errcode</c> (7 unknown cursor, 8 too far behind) and
/// <c>error</c> instead of <c>replayed</c>; its subscriptions stand, and the subscriber retrieves what it missed.
/// </summary>
public sealed record MonitorResumeReply(long Cursor, int Replayed, MonitorReply? Refusal, IReadOnlyList<MonitorReply> Subscribe, bool SubscribeIsList)
{
    /// <summary>The frame's bytes.</summary>
    public byte[] Encode()
    {
        var entries = new List<KeyValuePair<string, BencodeValue>>
        {
            MonitorBt.Entry("cursor", Cursor),
            new("subscribe", MonitorReply.ToBencode(Subscribe, SubscribeIsList)),
        };
        if (Refusal is { Code: { } code } refusal)
        {
            entries.Add(MonitorBt.Entry("errcode", (int)code));
            entries.Add(MonitorBt.Entry("error", refusal.Error ?? ""));
        }
        else
        {
            entries.Add(MonitorBt.Entry("replayed", Replayed));
        }
        return BencodeWriter.Encode(new BencodeDictionary(entries));
    }

    /// <summary>Reads a resume reply; null when it is not one.</summary>
    public static MonitorResumeReply? FromBencode(BencodeValue? value)
    {
        if (value is not BencodeDictionary d || MonitorBt.Integer(d, "cursor") is not { } cursor
            || !d.TryGetValue("subscribe", out var subscribe) || MonitorReply.ListFromBencode(subscribe) is not { } replies)
            return null;
        var refusal = MonitorBt.Integer(d, "errcode") is { } code
            ? MonitorReply.Failure((MonitorResponseCode)code, MonitorBt.Text(d, "error") ?? "")
            : null;
        return new MonitorResumeReply(cursor, (int)(MonitorBt.Integer(d, "replayed") ?? 0), refusal, replies, subscribe is BencodeList);
    }
}
