using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>delete_all</c>: delete every message of an address in one namespace, or in all of them.
/// <list type="bullet">
/// <item><c>pubkey</c> (required), <c>pubkey_ed25519</c> (05 accounts).</item>
/// <item><c>namespace</c> (optional): an integer, or "all"; default 0.</item>
/// <item><c>timestamp</c> (required): Unix ms, within ±60 s of the node (else 406).</item>
/// <item><c>signature</c> (required): of <c>"delete_all" ‖ ns_str ‖ timestamp</c> (ns_str "all" for every namespace).</item>
/// </list>
/// Response: <c>{"swarm": {node_ed25519_hex: {"deleted": [sorted hashes], "signature"}}, "t"}</c>, the node signing
/// <c>pubkey_hex ‖ timestamp ‖ deleted…</c>. (For "all", Session groups <c>deleted</c> by namespace; Wisp returns one sorted list.)
/// </summary>
public sealed record DeleteAllRequest(StoragePubkey Pubkey, NamespaceScope Namespace, long TimestampMs, RequestSignature Signature)
{
    /// <summary>The method name.</summary>
    public const string Method = "delete_all";

    /// <summary>Parses <c>params</c>.</summary>
    public static ParseResult<DeleteAllRequest> Parse(JsonElement parameters)
    {
        var p = new ParamReader(parameters);
        var pubkey = p.Pubkey();
        var signature = p.Signature(pubkey);
        var scope = p.Scope();
        var timestamp = p.Timestamp("timestamp", required: true);
        if (p.Error is { } error)
            return error;
        return new DeleteAllRequest(pubkey!, scope, timestamp!.Value, signature!);
    }
}
