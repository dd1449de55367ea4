using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Monitor;

/// <summary>
/// A subscribe frame: one <see cref="MonitorSubscribeRequest"/> dict, or a list of them (many accounts in one go, as
/// Session's push server sends). The reply has the same shape: a dict, or a list of the same length in order.
/// </summary>
/// <param name="Items">Each element, parsed or refused.</param>
/// <param name="IsList">True when the frame was a list.</param>
public sealed record MonitorSubscribeBatch(IReadOnlyList<MonitorParsed> Items, bool IsList)
{
    /// <summary>Session's answer to a frame that is neither a dict nor a list (or not bencode at all).</summary>
    public static MonitorReply NotDictOrList { get; } = MonitorReply.Failure(
        MonitorResponseCode.BadArgs, "Invalid arguments: monitor request takes a single bencoded dict or list parameter");

    /// <summary>Session's answer to a list with an element that is not a dict.</summary>
    public static MonitorReply Unparseable { get; } = MonitorReply.Failure(
        MonitorResponseCode.BadArgs, "Invalid arguments: Failed to parse monitor.messages data value");

    /// <summary>A batch of well-formed requests (for a subscriber to send).</summary>
    public static MonitorSubscribeBatch Of(IEnumerable<MonitorSubscribeRequest> requests, bool asList = true)
    {
        var items = requests.Select(r => new MonitorParsed(r, null)).ToList();
        return new MonitorSubscribeBatch(items, asList || items.Count != 1);
    }

    /// <summary>
    /// Reads a decoded frame: the batch, or (in <paramref name="error"/>) the single reply that refuses the whole
    /// frame, as Session refuses it.
    /// </summary>
    public static MonitorSubscribeBatch? Read(BencodeValue? value, out MonitorReply? error)
    {
        error = null;
        switch (value)
        {
            case BencodeDictionary:
                return new MonitorSubscribeBatch([MonitorSubscribeRequest.Read(value)], IsList: false);
            case BencodeList list:
                if (list.Items.Any(i => i is not BencodeDictionary))
                {
                    error = Unparseable;
                    return null;
                }
                return new MonitorSubscribeBatch([.. list.Items.Select(MonitorSubscribeRequest.Read)], IsList: true);
            default:
                error = NotDictOrList;
                return null;
        }
    }

    /// <summary>The frame as a bt value (only well-formed items are written).</summary>
    public BencodeValue ToBencode()
    {
        var dicts = Items.Where(i => i.Request is not null).Select(i => (BencodeValue)i.Request!.ToBencode()).ToList();
        return IsList ? new BencodeList(dicts) : dicts.Single();
    }

    /// <summary>The frame's bytes.</summary>
    public byte[] Encode() => BencodeWriter.Encode(ToBencode());
}
