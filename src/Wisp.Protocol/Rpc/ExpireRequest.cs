using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>expire</c>: move the expiry of named messages (any namespace).
/// <list type="bullet">
/// <item><c>pubkey</c> (required), <c>pubkey_ed25519</c> (05 accounts).</item>
/// <item><c>messages</c> (required): one or more 43-character message hashes.</item>
/// <item><c>expiry</c> (required): one Unix ms timestamp, not more than 60 s past (else 406); later than 30 days from now is
/// capped to that. (Session's per-message expiry arrays are not supported.)</item>
/// <item><c>shorten</c> / <c>extend</c> (optional bools, not both): only move expiries earlier / later.</item>
/// <item><c>signature</c> (required): of <c>"expire" ‖ ("shorten"|"extend"|"") ‖ expiry ‖ messages₀ ‖ …</c>, expiry as requested.</item>
/// </list>
/// Response: <c>{"swarm": {node_ed25519_hex: {"expiry": applied, "updated": [sorted], "unchanged"?: {hash: expiry},
/// "signature"}}, "t"}</c>; <c>unchanged</c> only with shorten/extend. The node signs
/// <c>pubkey_hex ‖ applied expiry ‖ requested… ‖ updated… ‖ (hash ‖ expiry) of each unchanged, sorted by hash</c>.
/// </summary>
public sealed record ExpireRequest(
    StoragePubkey Pubkey, IReadOnlyList<string> Messages, long ExpiryMs, ExpireConstraint Constraint, RequestSignature Signature)
{
    /// <summary>The method name.</summary>
    public const string Method = "expire";

    /// <summary>Parses <c>params</c>.</summary>
    public static ParseResult<ExpireRequest> Parse(JsonElement parameters)
    {
        var p = new ParamReader(parameters);
        var pubkey = p.Pubkey();
        var signature = p.Signature(pubkey);
        var messages = p.Hashes("messages");
        long? expiry = null;
        if (p.Field("expiry") is { ValueKind: JsonValueKind.Array })
            p.Fail("params.expiry must be a single Unix timestamp in milliseconds; per-message expiry arrays are not supported");
        else
            expiry = p.Timestamp("expiry", required: true);
        var shorten = p.Boolean("shorten") ?? false;
        var extend = p.Boolean("extend") ?? false;
        if (shorten && extend)
            p.Fail("params.shorten and params.extend cannot both be true");
        if (p.Error is { } error)
            return error;
        var constraint = shorten ? ExpireConstraint.ShortenOnly : extend ? ExpireConstraint.ExtendOnly : ExpireConstraint.None;
        return new ExpireRequest(pubkey!, messages!, expiry!.Value, constraint, signature!);
    }
}
