using System.Text;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Monitor;

/// <summary>
/// One newly stored message, Session's <c>notify.message</c> dict plus Wisp's cursor: <c>@</c> the 33-byte account,
/// <c>c</c> the node's arrival cursor (the message's row id there: increasing, per node, never reused within one
/// store id), <c>h</c> the message hash, <c>n</c> the namespace, <c>t</c> the timestamp and <c>z</c> the expiry (unix
/// ms), and <c>~</c> the data when the subscription asked for it.
/// </summary>
public sealed record MonitorNotification(
    byte[] Account, long Cursor, string Hash, int Namespace, long TimestampMs, long ExpiryMs, ReadOnlyMemory<byte>? Data)
{
    /// <summary>The notification's bytes.</summary>
    public byte[] Encode() => BencodeWriter.Encode(ToBencode());

    /// <summary>The notification as a bt dict.</summary>
    public BencodeDictionary ToBencode()
    {
        var entries = new List<KeyValuePair<string, BencodeValue>>
        {
            MonitorBt.Entry("@", Account),
            MonitorBt.Entry("c", Cursor),
            MonitorBt.Entry("h", Encoding.ASCII.GetBytes(Hash)),
            MonitorBt.Entry("n", Namespace),
            MonitorBt.Entry("t", TimestampMs),
            MonitorBt.Entry("z", ExpiryMs),
        };
        if (Data is { } data) entries.Add(MonitorBt.Entry("~", data));
        return new BencodeDictionary(entries);
    }

    /// <summary>Reads a notification dict; null when a field is missing or of the wrong type.</summary>
    public static MonitorNotification? FromBencode(BencodeValue? value)
    {
        if (value is not BencodeDictionary d
            || MonitorBt.Bytes(d, "@") is not { Length: 33 } account
            || MonitorBt.Integer(d, "c") is not { } cursor
            || MonitorBt.Text(d, "h") is not { } hash
            || MonitorBt.Integer(d, "n") is not { } ns
            || MonitorBt.Integer(d, "t") is not { } timestamp
            || MonitorBt.Integer(d, "z") is not { } expiry)
            return null;
        var data = MonitorBt.Bytes(d, "~");
        return new MonitorNotification(account.ToArray(), cursor, hash, (int)ns, timestamp, expiry, data);
    }
}
