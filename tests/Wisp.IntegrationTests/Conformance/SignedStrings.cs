using System.Globalization;
using System.Text;
using Wisp.Crypto.Hashing;

namespace Wisp.IntegrationTests.Conformance;

/// <summary>
/// What a client signs, as client_rpc_endpoints.h documents and request_handler.cpp <c>verify_signature</c> checks:
/// the parts concatenated, numbers in base 10. A namespace appears as <c>""</c> for 0, the number otherwise, or
/// <c>"all"</c> (client_rpc_endpoints.h <c>signature_value</c>).
/// </summary>
internal static class ClientSigns
{
    public static byte[] Store(int ns, long sigTimestamp) => Parts.Join("store", Namespace(ns), sigTimestamp);

    public static byte[] Retrieve(int ns, long timestamp) => Parts.Join("retrieve", Namespace(ns), timestamp);

    public static byte[] Delete(params string[] hashes) => Parts.Join("delete", hashes);

    /// <summary><paramref name="ns"/>: an int namespace, or <c>"all"</c>.</summary>
    public static byte[] DeleteAll(object ns, long timestamp) => Parts.Join("delete_all", Namespace(ns), timestamp);

    public static byte[] DeleteBefore(object ns, long before) => Parts.Join("delete_before", Namespace(ns), before);

    public static byte[] ExpireAll(object ns, long expiry) => Parts.Join("expire_all", Namespace(ns), expiry);

    /// <summary><paramref name="mode"/>: <c>""</c>, <c>"shorten"</c> or <c>"extend"</c>; every expiry given, in order.</summary>
    public static byte[] Expire(string mode, long[] expiries, params string[] hashes) => Parts.Join("expire", mode, expiries, hashes);

    public static byte[] GetExpiries(long timestamp, params string[] hashes) => Parts.Join("get_expiries", timestamp, hashes);

    public static byte[] Revoke(long timestamp, params byte[][] tokens) => Parts.Join("revoke_subaccount", timestamp, tokens);

    public static byte[] Unrevoke(long timestamp, params byte[][] tokens) => Parts.Join("unrevoke_subaccount", timestamp, tokens);

    private static string Namespace(object ns) => ns switch
    {
        0 => "",
        int n => n.ToString(CultureInfo.InvariantCulture),
        string s => s,
        _ => throw new ArgumentException("a namespace is an int or \"all\"", nameof(ns)),
    };
}

/// <summary>
/// What a node signs in each swarm entry: request_handler.cpp <c>create_signature</c> calls, the account's
/// prefixed hex pubkey first.
/// </summary>
internal static class NodeSigns
{
    /// <summary>store: the message hash.</summary>
    public static byte[] Stored(string hash) => Parts.Join(hash);

    /// <summary>delete: pubkey, the requested hashes, then the deleted ones (sorted).</summary>
    public static byte[] Deleted(string pubkey, string[] requested, string[] deleted) => Parts.Join(pubkey, requested, deleted);

    /// <summary>delete_all / delete_before / expire_all: pubkey, the request's timestamp (or before, or expiry), the hashes (sorted).</summary>
    public static byte[] ByTime(string pubkey, long time, string[] hashes) => Parts.Join(pubkey, time, hashes);

    /// <summary>expire: pubkey, the expiries returned, the requested hashes, the updated ones, then each unchanged hash and its expiry.</summary>
    public static byte[] Expired(string pubkey, long[] expiries, string[] requested, string[] updated, IEnumerable<(string Hash, long Expiry)> unchanged) =>
        Parts.Join(pubkey, expiries, requested, updated, unchanged.OrderBy(u => u.Hash, StringComparer.Ordinal).SelectMany(u => new object[] { u.Hash, u.Expiry }).ToArray());

    /// <summary>revoke_subaccount / unrevoke_subaccount: pubkey, timestamp, the tokens' bytes.</summary>
    public static byte[] Revocation(string pubkey, long timestamp, params byte[][] tokens) => Parts.Join(pubkey, timestamp, tokens);
}

/// <summary>Session's message hash (request_handler.cpp <c>computeMessageHash</c>).</summary>
internal static class MessageHash
{
    /// <summary>BLAKE2b-256 of (prefixed pubkey bytes ‖ namespace, empty for 0 ‖ data), base64 without padding.</summary>
    public static string Of(byte[] pubkey, int ns, byte[] data)
    {
        var input = Parts.Join(pubkey, ns == 0 ? "" : ns.ToString(CultureInfo.InvariantCulture), data);
        return Convert.ToBase64String(Blake2b.Hash(input, 32)).TrimEnd('=');
    }
}

internal static class Parts
{
    /// <summary>Concatenates strings (UTF-8), integers (base 10), byte arrays (as is) and arrays of those.</summary>
    public static byte[] Join(params object[] parts)
    {
        var bytes = new List<byte>();
        foreach (var part in parts)
            Append(bytes, part);
        return [.. bytes];
    }

    private static void Append(List<byte> bytes, object part)
    {
        switch (part)
        {
            case string s:
                bytes.AddRange(Encoding.UTF8.GetBytes(s));
                break;
            case long or int:
                bytes.AddRange(Encoding.ASCII.GetBytes(Convert.ToString(part, CultureInfo.InvariantCulture)!));
                break;
            case byte[] b:
                bytes.AddRange(b);
                break;
            case System.Collections.IEnumerable many:
                foreach (var item in many)
                    Append(bytes, item!);
                break;
            default:
                throw new ArgumentException($"cannot sign a {part.GetType().Name}", nameof(part));
        }
    }
}
