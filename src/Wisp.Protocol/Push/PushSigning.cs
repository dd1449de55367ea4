using System.Globalization;
using System.Text;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Push;

/// <summary>The strings a subscriber signs (SPNS's, which are the storage server's <c>monitor.messages</c> strings).</summary>
public static class PushSigning
{
    /// <summary>
    /// <c>"MONITOR" ‖ hex(pubkey) ‖ sig_ts ‖ ("1" if data is wanted else "0") ‖ namespaces joined by ","</c>, in ASCII,
    /// with the namespaces in the request's (sorted) order and <c>sig_ts</c> in decimal unix seconds.
    /// </summary>
    public static byte[] Monitor(StoragePubkey pubkey, long sigTs, bool wantData, IReadOnlyList<short> namespaces)
    {
        ArgumentNullException.ThrowIfNull(pubkey);
        ArgumentNullException.ThrowIfNull(namespaces);
        var text = new StringBuilder("MONITOR", 7 + StoragePubkey.HexLength + 20 + 1 + 7 * namespaces.Count);
        text.Append(pubkey.Hex).Append(sigTs.ToString(CultureInfo.InvariantCulture)).Append(wantData ? '1' : '0');
        for (var i = 0; i < namespaces.Count; i++)
        {
            if (i > 0) text.Append(',');
            text.Append(namespaces[i].ToString(CultureInfo.InvariantCulture));
        }
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary><c>"UNSUBSCRIBE" ‖ hex(pubkey) ‖ sig_ts</c>, in ASCII.</summary>
    public static byte[] Unsubscribe(StoragePubkey pubkey, long sigTs)
    {
        ArgumentNullException.ThrowIfNull(pubkey);
        return Encoding.ASCII.GetBytes("UNSUBSCRIBE" + pubkey.Hex + sigTs.ToString(CultureInfo.InvariantCulture));
    }
}
