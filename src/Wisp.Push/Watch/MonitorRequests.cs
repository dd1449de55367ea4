using Wisp.Protocol.Monitor;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;
using Wisp.Push.Storage;

namespace Wisp.Push.Watch;

/// <summary>
/// The node subscriptions that serve the stored ones: one <see cref="MonitorSubscribeRequest"/> per distinct
/// (account, subaccount, namespaces, data) — devices subscribed with the same settings share one, signed by the newest
/// signature, as SPNS does.
/// </summary>
internal static class MonitorRequests
{
    /// <summary>The monitor requests of <paramref name="subscriptions"/>, by account (hex).</summary>
    public static Dictionary<string, List<MonitorSubscribeRequest>> ByAccount(IEnumerable<StoredSubscription> subscriptions)
    {
        var result = new Dictionary<string, List<MonitorSubscribeRequest>>(StringComparer.Ordinal);
        foreach (var group in subscriptions.GroupBy(s => (s.Account.Hex, Tag: Hex(s.SubaccountTag), Ns: string.Join(',', s.Namespaces), s.WantData)))
        {
            var newest = group.MaxBy(s => s.SigTs)!;
            if (!result.TryGetValue(newest.Account.Hex, out var list))
                result[newest.Account.Hex] = list = [];
            list.Add(ToRequest(newest));
        }
        return result;
    }

    /// <summary>The node subscription a stored one makes: <c>P</c> for a 05 account, else <c>p</c>; the subscriber's own signature.</summary>
    public static MonitorSubscribeRequest ToRequest(StoredSubscription subscription)
    {
        var subaccount = subscription.SubaccountTag is { } tag && subscription.SubaccountSig is { } sig
            ? new SignedSubaccount(SubaccountToken.FromBytes(tag), sig)
            : null;
        var namespaces = subscription.Namespaces.Select(n => (int)n).ToArray();
        return subscription.Account.IsAccount && subscription.SessionEd25519 is { } ed
            ? new MonitorSubscribeRequest(null, ed, subaccount, subscription.WantData, namespaces, subscription.SigTs, subscription.Signature)
            : new MonitorSubscribeRequest(subscription.Account.Bytes.ToArray(), null, subaccount, subscription.WantData, namespaces,
                subscription.SigTs, subscription.Signature);
    }

    private static string Hex(byte[]? bytes) => bytes is null ? "" : Convert.ToHexStringLower(bytes);
}
