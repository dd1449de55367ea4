using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>delete_all</c> (recursive): delete every message of an address in one namespace, or in all of them.
/// <list type="bullet">
/// <item><c>pubkey</c> (required), <c>pubkey_ed25519</c> (05 accounts), <c>subaccount</c>/<c>subaccount_sig</c> (delete access).</item>
/// <item><c>namespace</c> (optional): an integer, or "all"; default 0.</item>
/// <item><c>timestamp</c> (required): Unix ms, within ±60 s of the node (±70 s when forwarded by a swarm member).</item>
/// <item><c>signature</c> (required): of <c>"delete_all" ‖ ns_str ‖ timestamp</c> (ns_str "" for 0, "all" for every namespace).</item>
/// </list>
/// Reply: <see cref="SwarmResponse{DeleteEntry}"/> (deleted per namespace for "all"); each member signs
/// <c>pubkey_hex ‖ timestamp ‖ deleted…</c>, sorted across namespaces.
/// </summary>
public sealed record DeleteAllRequest(StoragePubkey Pubkey, NamespaceScope Namespace, long TimestampMs, RequestSignature Signature)
{
    /// <summary>The method name.</summary>
    public const string Method = "delete_all";

    /// <summary>Parses <c>params</c> (Session's field order and error texts).</summary>
    public static ParseResult<DeleteAllRequest> Parse(JsonElement parameters)
    {
        var parsed = ScopedRequestParser.Parse(parameters, "timestamp");
        if (parsed.Value is not { } r)
            return parsed.Error!;
        return new DeleteAllRequest(r.Pubkey, r.Scope, r.TimeMs, r.Signature);
    }
}
