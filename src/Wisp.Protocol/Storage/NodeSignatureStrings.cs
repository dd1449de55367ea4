
namespace Wisp.Protocol.Storage;

/// <summary>
/// The exact bytes a node signs in its per-node result of a recursive request, so a client can check each swarm
/// member's answer (Session's <c>create_signature</c> calls). <c>pubkeyHex</c> is the 66-character prefixed hex.
/// </summary>
public static class NodeSignatureStrings
{
    /// <summary>store: the message hash as text.</summary>
    public static byte[] Store(string hash) => System.Text.Encoding.UTF8.GetBytes(hash);

    /// <summary>delete: <c>pubkey_hex ‖ requested₀ ‖ … ‖ deleted₀ ‖ …</c> (requested in request order, deleted sorted).</summary>
    public static byte[] Delete(string pubkeyHex, IEnumerable<string> requested, IEnumerable<string> deleted) =>
        SignatureStrings.Join([pubkeyHex, .. requested, .. deleted]);

    /// <summary>delete_all: <c>pubkey_hex ‖ timestamp ‖ deleted₀ ‖ …</c> (deleted sorted across namespaces).</summary>
    public static byte[] DeleteAll(string pubkeyHex, long timestampMs, IEnumerable<string> deletedSorted) =>
        SignatureStrings.Join([pubkeyHex, SignatureStrings.Int(timestampMs), .. deletedSorted]);

    /// <summary>delete_before: <c>pubkey_hex ‖ before ‖ deleted₀ ‖ …</c> (deleted sorted).</summary>
    public static byte[] DeleteBefore(string pubkeyHex, long beforeMs, IEnumerable<string> deletedSorted) =>
        SignatureStrings.Join([pubkeyHex, SignatureStrings.Int(beforeMs), .. deletedSorted]);

    /// <summary>
    /// expire: <c>pubkey_hex ‖ expiry ‖ requested₀ ‖ … ‖ updated₀ ‖ … ‖ (hash ‖ expiry) of each unchanged</c>, where
    /// expiry is the one applied (after capping) — or, for per-message expiries, the applied expiries of the updated
    /// messages concatenated — requested is in request order, updated is sorted, and unchanged is sorted by hash.
    /// </summary>
    public static byte[] Expire(
        string pubkeyHex, IEnumerable<long> expiriesMs, IEnumerable<string> requested, IEnumerable<string> updatedSorted,
        IEnumerable<KeyValuePair<string, long>> unchangedSortedByHash) =>
        SignatureStrings.Join([
            pubkeyHex, .. expiriesMs.Select(SignatureStrings.Int), .. requested, .. updatedSorted,
            .. unchangedSortedByHash.Select(u => u.Key + SignatureStrings.Int(u.Value)),
        ]);

    /// <summary>revoke_subaccount / unrevoke_subaccount: <c>pubkey_hex ‖ timestamp ‖ token bytes…</c> as requested.</summary>
    public static byte[] RevokeSubaccount(string pubkeyHex, long timestampMs, IEnumerable<SubaccountToken> tokens) =>
        SignatureStrings.RevokeSubaccount(pubkeyHex, timestampMs, tokens);

    /// <summary>expire_all: <c>pubkey_hex ‖ expiry ‖ updated₀ ‖ …</c> (updated sorted).</summary>
    public static byte[] ExpireAll(string pubkeyHex, long expiryMs, IEnumerable<string> updatedSorted) =>
        SignatureStrings.Join([pubkeyHex, SignatureStrings.Int(expiryMs), .. updatedSorted]);
}
