using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>expire_all</c> (recursive): shorten to a time the expiry of every message of an address (in one namespace, or
/// all) that expires later. Never extends.
/// <list type="bullet">
/// <item><c>pubkey</c> (required), <c>pubkey_ed25519</c> (05 accounts), <c>subaccount</c>/<c>subaccount_sig</c> (delete access).</item>
/// <item><c>namespace</c> (optional): an integer, or "all"; default 0.</item>
/// <item><c>expiry</c> (required): Unix ms, not more than 60 s past (70 s when forwarded), else 406.</item>
/// <item><c>signature</c> (required): of <c>"expire_all" ‖ ns_str ‖ expiry</c>.</item>
/// </list>
/// Reply: <see cref="SwarmResponse{ExpireAllEntry}"/>; each member signs <c>pubkey_hex ‖ expiry ‖ updated…</c>.
/// </summary>
public sealed record ExpireAllRequest(StoragePubkey Pubkey, NamespaceScope Namespace, long ExpiryMs, RequestSignature Signature)
{
    /// <summary>The method name.</summary>
    public const string Method = "expire_all";

    /// <summary>Parses <c>params</c> (Session's field order and error texts).</summary>
    public static ParseResult<ExpireAllRequest> Parse(JsonElement parameters)
    {
        var parsed = ScopedRequestParser.Parse(parameters, "expiry");
        if (parsed.Value is not { } r)
            return parsed.Error!;
        return new ExpireAllRequest(r.Pubkey, r.Scope, r.TimeMs, r.Signature);
    }
}
