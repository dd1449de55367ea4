using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>delete_before</c>: delete an address's messages older than a time.
/// <list type="bullet">
/// <item><c>pubkey</c> (required), <c>pubkey_ed25519</c> (05 accounts).</item>
/// <item><c>namespace</c> (optional): an integer, or "all"; default 0.</item>
/// <item><c>before</c> (required): Unix ms; messages with an earlier timestamp are deleted. At most 60 s ahead of the node (else 406).</item>
/// <item><c>signature</c> (required): of <c>"delete_before" ‖ ns_str ‖ before</c>.</item>
/// </list>
/// Response: <c>{"swarm": {node_ed25519_hex: {"deleted": [sorted hashes], "signature"}}, "t"}</c>, the node signing
/// <c>pubkey_hex ‖ before ‖ deleted…</c>.
/// </summary>
public sealed record DeleteBeforeRequest(StoragePubkey Pubkey, NamespaceScope Namespace, long BeforeMs, RequestSignature Signature)
{
    /// <summary>The method name.</summary>
    public const string Method = "delete_before";

    /// <summary>Parses <c>params</c>.</summary>
    public static ParseResult<DeleteBeforeRequest> Parse(JsonElement parameters)
    {
        var p = new ParamReader(parameters);
        var pubkey = p.Pubkey();
        var signature = p.Signature(pubkey);
        var scope = p.Scope();
        var before = p.Timestamp("before", required: true);
        if (p.Error is { } error)
            return error;
        return new DeleteBeforeRequest(pubkey!, scope, before!.Value, signature!);
    }
}
