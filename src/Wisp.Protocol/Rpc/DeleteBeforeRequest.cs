using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>delete_before</c> (recursive): delete an address's messages with a timestamp at or before a time.
/// <list type="bullet">
/// <item><c>pubkey</c> (required), <c>pubkey_ed25519</c> (05 accounts), <c>subaccount</c>/<c>subaccount_sig</c> (delete access).</item>
/// <item><c>namespace</c> (optional): an integer, or "all"; default 0.</item>
/// <item><c>before</c> (required): Unix ms; messages with timestamp ≤ before go. At most 60 s ahead of the node
/// (else 401 "delete_before timestamp too far in the future", Session's status).</item>
/// <item><c>signature</c> (required): of <c>"delete_before" ‖ ns_str ‖ before</c>.</item>
/// </list>
/// Reply: <see cref="SwarmResponse{DeleteEntry}"/>; each member signs <c>pubkey_hex ‖ before ‖ deleted…</c>.
/// </summary>
public sealed record DeleteBeforeRequest(StoragePubkey Pubkey, NamespaceScope Namespace, long BeforeMs, RequestSignature Signature)
{
    /// <summary>The method name.</summary>
    public const string Method = "delete_before";

    /// <summary>Parses <c>params</c> (Session's field order and error texts).</summary>
    public static ParseResult<DeleteBeforeRequest> Parse(JsonElement parameters)
    {
        var parsed = ScopedRequestParser.Parse(parameters, "before");
        if (parsed.Value is not { } r)
            return parsed.Error!;
        return new DeleteBeforeRequest(r.Pubkey, r.Scope, r.TimeMs, r.Signature);
    }
}
