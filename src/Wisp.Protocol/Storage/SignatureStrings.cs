using System.Globalization;

namespace Wisp.Protocol.Storage;

/// <summary>
/// The exact bytes an account owner signs for each authenticated storage request, byte-for-byte Session's:
/// ASCII method name, then the listed parts concatenated with no separator, integers in base-10.
/// </summary>
public static class SignatureStrings
{
    /// <summary><c>"store" ‖ ns_str ‖ sig_timestamp</c> — required for namespaces not divisible by 10.</summary>
    public static byte[] Store(int ns, long sigTimestampMs) =>
        Join("store", Namespaces.ToSignatureText(ns), Int(sigTimestampMs));

    /// <summary><c>"retrieve" ‖ ns_str ‖ timestamp</c>.</summary>
    public static byte[] Retrieve(int ns, long timestampMs) =>
        Join("retrieve", Namespaces.ToSignatureText(ns), Int(timestampMs));

    /// <summary><c>"delete" ‖ hash₀ ‖ hash₁ ‖ …</c> in request order.</summary>
    public static byte[] Delete(IEnumerable<string> hashes) => Join(["delete", .. hashes]);

    /// <summary><c>"delete_all" ‖ ns_str ‖ timestamp</c>, ns_str being "all" for every namespace.</summary>
    public static byte[] DeleteAll(NamespaceScope scope, long timestampMs) =>
        Join("delete_all", scope.ToSignatureText(), Int(timestampMs));

    /// <summary><c>"delete_before" ‖ ns_str ‖ before</c>.</summary>
    public static byte[] DeleteBefore(NamespaceScope scope, long beforeMs) =>
        Join("delete_before", scope.ToSignatureText(), Int(beforeMs));

    /// <summary><c>"expire" ‖ ("shorten" | "extend" | "") ‖ expiry ‖ hash₀ ‖ …</c> in request order.</summary>
    public static byte[] Expire(ExpireConstraint constraint, long expiryMs, IEnumerable<string> hashes) =>
        Expire(constraint, [expiryMs], hashes);

    /// <summary>
    /// <c>"expire" ‖ ("shorten" | "extend" | "") ‖ expiry₀ ‖ expiry₁ ‖ … ‖ hash₀ ‖ …</c>: with per-message expiries
    /// (multi-expiry) they are concatenated in request order.
    /// </summary>
    public static byte[] Expire(ExpireConstraint constraint, IEnumerable<long> expiriesMs, IEnumerable<string> hashes) =>
        Join(["expire", ConstraintText(constraint), .. expiriesMs.Select(Int), .. hashes]);

    /// <summary><c>"expire_all" ‖ ns_str ‖ expiry</c>.</summary>
    public static byte[] ExpireAll(NamespaceScope scope, long expiryMs) =>
        Join("expire_all", scope.ToSignatureText(), Int(expiryMs));

    /// <summary><c>"get_expiries" ‖ timestamp ‖ hash₀ ‖ …</c> in request order.</summary>
    public static byte[] GetExpiries(long timestampMs, IEnumerable<string> hashes) =>
        Join(["get_expiries", Int(timestampMs), .. hashes]);

    /// <summary>
    /// <c>method ‖ timestamp ‖ token₀ ‖ token₁ ‖ …</c> for <c>revoke_subaccount</c> and <c>unrevoke_subaccount</c>, the
    /// 36-byte tokens as raw bytes in request order.
    /// </summary>
    public static byte[] RevokeSubaccount(string method, long timestampMs, IEnumerable<SubaccountToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(method);
        var bytes = new List<byte>(Join(method, Int(timestampMs)));
        foreach (var token in tokens)
            bytes.AddRange(token.Bytes);
        return [.. bytes];
    }

    internal static string ConstraintText(ExpireConstraint constraint) => constraint switch
    {
        ExpireConstraint.ShortenOnly => "shorten",
        ExpireConstraint.ExtendOnly => "extend",
        _ => "",
    };

    internal static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    internal static byte[] Join(params IEnumerable<string> parts) => System.Text.Encoding.UTF8.GetBytes(string.Concat(parts));
}

/// <summary>The optional constraint of an <c>expire</c> request.</summary>
public enum ExpireConstraint
{
    /// <summary>Set the expiry either way.</summary>
    None,
    /// <summary>Only make expiries earlier (<c>"shorten": true</c>).</summary>
    ShortenOnly,
    /// <summary>Only make expiries later (<c>"extend": true</c>).</summary>
    ExtendOnly,
}
