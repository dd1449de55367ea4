namespace Wisp.Protocol.Push;

/// <summary>
/// What a notification tells its subscriber (SPNS's metadata): the account (<c>@</c>, hex), the message hash (<c>#</c>),
/// namespace (<c>n</c>), timestamp and expiry in unix milliseconds (<c>t</c>, <c>z</c>); when the subscription asked for
/// data, the data's length (<c>l</c>) and either the data or <c>B</c> (too big to carry).
/// </summary>
public sealed record NotificationContent(
    string Account, string Hash, int Namespace, long Timestamp, long Expiry, int? DataLength = null, bool TooBig = false, byte[]? Data = null)
{
    /// <summary>
    /// The notification for a stored message, as SPNS builds it: with <paramref name="wantData"/> and data, the data is
    /// carried when it is at most <see cref="PushLimits.MaxNotificationDataBytes"/>, else only its length and <c>B</c>.
    /// </summary>
    public static NotificationContent For(string account, string hash, int ns, long timestamp, long expiry, bool wantData, byte[]? data)
    {
        if (!wantData || data is not { Length: > 0 })
            return new NotificationContent(account, hash, ns, timestamp, expiry);
        return data.Length > PushLimits.MaxNotificationDataBytes
            ? new NotificationContent(account, hash, ns, timestamp, expiry, data.Length, TooBig: true)
            : new NotificationContent(account, hash, ns, timestamp, expiry, data.Length, Data: data);
    }
}
