using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>expire_all</c>: shorten the expiry of every message of an address (in one namespace, or all) to at most a time.
/// Never extends.
/// <list type="bullet">
/// <item><c>pubkey</c> (required), <c>pubkey_ed25519</c> (05 accounts).</item>
/// <item><c>namespace</c> (optional): an integer, or "all"; default 0.</item>
/// <item><c>expiry</c> (required): Unix ms, not more than 60 s past (else 406).</item>
/// <item><c>signature</c> (required): of <c>"expire_all" ‖ ns_str ‖ expiry</c>.</item>
/// </list>
/// Response: <c>{"swarm": {node_ed25519_hex: {"updated": [sorted hashes], "signature"}}, "t"}</c>, the node signing
/// <c>pubkey_hex ‖ expiry ‖ updated…</c>.
/// </summary>
public sealed record ExpireAllRequest(StoragePubkey Pubkey, NamespaceScope Namespace, long ExpiryMs, RequestSignature Signature)
{
    /// <summary>The method name.</summary>
    public const string Method = "expire_all";

    /// <summary>Parses <c>params</c>.</summary>
    public static ParseResult<ExpireAllRequest> Parse(JsonElement parameters)
    {
        var p = new ParamReader(parameters);
        var pubkey = p.Pubkey();
        var signature = p.Signature(pubkey);
        var scope = p.Scope();
        var expiry = p.Timestamp("expiry", required: true);
        if (p.Error is { } error)
            return error;
        return new ExpireAllRequest(pubkey!, scope, expiry!.Value, signature!);
    }
}
