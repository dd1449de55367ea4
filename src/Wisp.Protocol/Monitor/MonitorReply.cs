using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Monitor;

/// <summary>
/// The answer to one subscription (Session's reply to <c>monitor.messages</c>): <c>{"success": 1}</c>, or
/// <c>{"errcode": code, "error": "English text"}</c>. A list request gets a list of these, one per element, in order.
/// </summary>
public sealed record MonitorReply(MonitorResponseCode? Code, string? Error)
{
    /// <summary>The reply to a subscription that was accepted.</summary>
    public static MonitorReply Success { get; } = new(null, null);

    /// <summary>True for <c>{"success": 1}</c>.</summary>
    public bool Ok => Code is null;

    /// <summary>A refusal with Session's code and text.</summary>
    public static MonitorReply Failure(MonitorResponseCode code, string error) => new(code, error);

    /// <summary>The reply as a bt dict.</summary>
    public BencodeDictionary ToBencode() => Code is { } code
        ? new BencodeDictionary(new Dictionary<string, BencodeValue>
        {
            ["errcode"] = new BencodeInteger((int)code),
            ["error"] = BencodeString.FromUtf8(Error ?? ""),
        })
        : new BencodeDictionary(new Dictionary<string, BencodeValue> { ["success"] = new BencodeInteger(1) });

    /// <summary>Reads one reply dict; null when it is neither shape.</summary>
    public static MonitorReply? FromBencode(BencodeValue? value)
    {
        if (value is not BencodeDictionary dict)
            return null;
        if (MonitorBt.Integer(dict, "success") == 1)
            return Success;
        if (MonitorBt.Integer(dict, "errcode") is { } code && MonitorBt.Text(dict, "error") is { } error)
            return new MonitorReply((MonitorResponseCode)code, error);
        return null;
    }

    /// <summary>The replies as sent: one dict for a dict request, a list for a list request.</summary>
    public static BencodeValue ToBencode(IReadOnlyList<MonitorReply> replies, bool asList)
    {
        ArgumentNullException.ThrowIfNull(replies);
        if (!asList && replies.Count != 1)
            throw new ArgumentException("A dict request has exactly one reply.", nameof(replies));
        return asList ? new BencodeList([.. replies.Select(r => (BencodeValue)r.ToBencode())]) : replies[0].ToBencode();
    }

    /// <summary>Reads a dict or list of replies; null when the value is neither.</summary>
    public static IReadOnlyList<MonitorReply>? ListFromBencode(BencodeValue? value)
    {
        if (value is BencodeList list)
        {
            var replies = new List<MonitorReply>(list.Items.Count);
            foreach (var item in list.Items)
            {
                if (FromBencode(item) is not { } reply)
                    return null;
                replies.Add(reply);
            }
            return replies;
        }
        return FromBencode(value) is { } one ? [one] : null;
    }
}
