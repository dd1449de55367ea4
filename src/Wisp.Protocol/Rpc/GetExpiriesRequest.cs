using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>get_expiries</c>: the current expiries of named messages.
/// <list type="bullet">
/// <item><c>pubkey</c> (required), <c>pubkey_ed25519</c> (05 accounts), <c>subaccount</c>/<c>subaccount_sig</c> (read access).</item>
/// <item><c>messages</c> (required): one or more message hashes (not checked for shape, as in Session: unknown ones are
/// simply not in the reply).</item>
/// <item><c>timestamp</c> (required): Unix ms, within ±60 s of the node (else 406).</item>
/// <item><c>signature</c> (required): of <c>"get_expiries" ‖ timestamp ‖ messages₀ ‖ …</c>.</item>
/// </list>
/// Reply: <see cref="GetExpiriesResponse"/>.
/// </summary>
public sealed record GetExpiriesRequest(StoragePubkey Pubkey, IReadOnlyList<string> Messages, long TimestampMs, RequestSignature Signature)
{
    /// <summary>The method name.</summary>
    public const string Method = "get_expiries";

    /// <summary>Parses <c>params</c> (Session's field order and error texts).</summary>
    public static ParseResult<GetExpiriesRequest> Parse(JsonElement parameters)
    {
        var p = new ParamReader(parameters);
        var messages = p.Strings("messages");
        var pubkeyText = p.String("pubkey");
        var pubkeyEd25519 = p.String("pubkey_ed25519");
        var signatureText = p.String("signature");
        var subaccount = p.String("subaccount");
        var subaccountSig = p.String("subaccount_sig");
        var timestamp = p.Timestamp("timestamp");
        if (p.Error is { } typeError)
            return typeError;
        var (pubkey, signature) = p.LoadSignature(pubkeyText, pubkeyEd25519, signatureText);
        var signed = p.LoadSubaccount(subaccount, subaccountSig);
        if (p.Failed || !p.Require("timestamp", timestamp) || !p.Require("messages", messages))
            return p.Error!;
        if (messages!.Count == 0)
            return RpcError.BadRequest("messages does not contain any message hashes");
        return new GetExpiriesRequest(pubkey!, messages, timestamp!.Value, signature! with { Subaccount = signed });
    }
}
