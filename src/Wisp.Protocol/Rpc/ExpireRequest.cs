using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>expire</c> (recursive): move the expiry of named messages (any namespace).
/// <list type="bullet">
/// <item><c>pubkey</c> (required), <c>pubkey_ed25519</c> (05 accounts), <c>subaccount</c>/<c>subaccount_sig</c> (write
/// access; without delete access a subaccount only extends, and may not ask for <c>shorten</c>).</item>
/// <item><c>messages</c> (required): one to <see cref="StorageLimits.MaxHashesPerRequest"/> (1,000; a Wisp cap) 43-character base64 message hashes.</item>
/// <item><c>expiry</c> (required): one Unix ms timestamp, or an array with one per message (multi-expiry). Each must be
/// at most 60 s past (else 401); later than 30 days from now is capped to that.</item>
/// <item><c>shorten</c> / <c>extend</c> (optional bools, not both): only move expiries earlier / later.</item>
/// <item><c>signature</c> (required): of <c>"expire" ‖ ("shorten"|"extend"|"") ‖ expiry (or the expiries concatenated) ‖
/// messages₀ ‖ …</c>, expiries as requested.</item>
/// </list>
/// Reply: <see cref="SwarmResponse{ExpireEntry}"/>.
/// </summary>
public sealed record ExpireRequest(
    StoragePubkey Pubkey, IReadOnlyList<string> Messages, IReadOnlyList<long> ExpiriesMs, ExpireConstraint Constraint,
    RequestSignature Signature)
{
    /// <summary>The method name.</summary>
    public const string Method = "expire";

    /// <summary>True when each message has its own expiry (Session's multi-expiry form).</summary>
    public bool IsMultiExpiry => ExpiriesMs.Count > 1;

    /// <summary>Parses <c>params</c> (Session's field order and error texts).</summary>
    public static ParseResult<ExpireRequest> Parse(JsonElement parameters)
    {
        var p = new ParamReader(parameters);
        var expiry = p.Timestamps("expiry");
        var extend = p.Bool("extend");
        var messages = p.Strings("messages");
        var pubkeyText = p.String("pubkey");
        var pubkeyEd25519 = p.String("pubkey_ed25519");
        var shorten = p.Bool("shorten");
        var signatureText = p.String("signature");
        var subaccount = p.String("subaccount");
        var subaccountSig = p.String("subaccount_sig");
        if (p.Error is { } typeError)
            return typeError;
        var (pubkey, signature) = p.LoadSignature(pubkeyText, pubkeyEd25519, signatureText);
        var signed = p.LoadSubaccount(subaccount, subaccountSig);
        if (p.Failed || !p.Require("expiry", expiry))
            return p.Error!;
        if (expiry!.Count == 0)
            return RpcError.BadRequest("'expiry' does not contain any expiration timestamps");
        if (shorten == true && extend == true)
            return RpcError.BadRequest("cannot specify both 'shorten' and 'extend'");
        if (!p.Require("messages", messages))
            return p.Error!;
        if (messages!.Count == 0)
            return RpcError.BadRequest("messages does not contain any message hashes");
        if (messages.Count > StorageLimits.MaxHashesPerRequest)
            return RpcError.BadRequest(StorageLimits.TooManyHashes("expire"));
        if (expiry.Count > 1 && expiry.Count != messages.Count)
            return RpcError.BadRequest("'expiry' must be a single expiry, or the same length as 'messages'");
        if (messages.FirstOrDefault(m => !ParamReader.IsMessageHash(m)) is { } bad)
            return RpcError.BadRequest("invalid message hash: " + bad);
        var constraint = shorten == true ? ExpireConstraint.ShortenOnly : extend == true ? ExpireConstraint.ExtendOnly : ExpireConstraint.None;
        return new ExpireRequest(pubkey!, messages, expiry, constraint, signature! with { Subaccount = signed });
    }
}
