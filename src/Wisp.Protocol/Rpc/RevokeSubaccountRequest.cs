using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>revoke_subaccount</c> and <c>unrevoke_subaccount</c> (recursive): add subaccount tokens to the address's
/// revocation list, or take them off. Only the owner may (subaccount fields are ignored). The node keeps the 50 most
/// recent revocations of an address.
/// <list type="bullet">
/// <item><c>pubkey</c> (required), <c>pubkey_ed25519</c> (05 accounts).</item>
/// <item><c>revoke</c> / <c>unrevoke</c> (required): a token or an array of tokens (48 base64 or 72 hex characters
/// each); at most 50 to revoke at once.</item>
/// <item><c>timestamp</c> (required): Unix ms, within ±60 s of the node (else 406).</item>
/// <item><c>signature</c> (required): of <c>method ‖ timestamp ‖ token bytes…</c> (the 36-byte tokens concatenated).</item>
/// </list>
/// Reply: <see cref="SwarmResponse{RevokeEntry}"/>; each member signs <c>pubkey_hex ‖ timestamp ‖ token bytes…</c>.
/// </summary>
public sealed record RevokeSubaccountRequest(
    StoragePubkey Pubkey, IReadOnlyList<SubaccountToken> Tokens, long TimestampMs, RequestSignature Signature, bool Unrevoke)
{
    /// <summary>The revoking method's name.</summary>
    public const string RevokeMethod = "revoke_subaccount";

    /// <summary>The un-revoking method's name.</summary>
    public const string UnrevokeMethod = "unrevoke_subaccount";

    /// <summary>Most tokens one <c>revoke_subaccount</c> may name, and most revocations kept per address (Session's 50).</summary>
    public const int MaxTokens = 50;

    /// <summary>The method name of this request.</summary>
    public string Method => Unrevoke ? UnrevokeMethod : RevokeMethod;

    /// <summary>Parses <c>revoke_subaccount</c> params (Session's field order and error texts).</summary>
    public static ParseResult<RevokeSubaccountRequest> ParseRevoke(JsonElement parameters)
    {
        var p = new ParamReader(parameters);
        var pubkeyText = p.String("pubkey");
        var pubkeyEd25519 = p.String("pubkey_ed25519");
        var revoke = p.Strings("revoke");
        var signatureText = p.String("signature");
        var timestamp = p.Timestamp("timestamp");
        if (p.Error is { } typeError)
            return typeError;
        var (pubkey, signature) = p.LoadSignature(pubkeyText, pubkeyEd25519, signatureText);
        if (p.Failed || !p.Require("revoke", revoke))
            return p.Error!;
        if (revoke!.Count > MaxTokens)
            return RpcError.BadRequest($"invalid revoke: cannot revoke more than {MaxTokens} subaccounts at once");
        if (ParseTokens(revoke) is not { } tokens)
            return RpcError.BadRequest("invalid revoke: expected base64 or hex-encoded subaccount tag");
        if (!p.Require("timestamp", timestamp))
            return p.Error!;
        return new RevokeSubaccountRequest(pubkey!, tokens, timestamp!.Value, signature!, Unrevoke: false);
    }

    /// <summary>Parses <c>unrevoke_subaccount</c> params (Session's field order and error texts; no count limit there).</summary>
    public static ParseResult<RevokeSubaccountRequest> ParseUnrevoke(JsonElement parameters)
    {
        var p = new ParamReader(parameters);
        var pubkeyText = p.String("pubkey");
        var pubkeyEd25519 = p.String("pubkey_ed25519");
        var signatureText = p.String("signature");
        var timestamp = p.Timestamp("timestamp");
        var unrevoke = p.Strings("unrevoke");
        if (p.Error is { } typeError)
            return typeError;
        var (pubkey, signature) = p.LoadSignature(pubkeyText, pubkeyEd25519, signatureText);
        if (p.Failed || !p.Require("timestamp", timestamp) || !p.Require("unrevoke", unrevoke))
            return p.Error!;
        if (ParseTokens(unrevoke!) is not { } tokens)
            return RpcError.BadRequest("invalid unrevoke: expected base64 or hex-encoded subaccount tag");
        return new RevokeSubaccountRequest(pubkey!, tokens, timestamp!.Value, signature!, Unrevoke: true);
    }

    /// <summary>Writes <c>params</c> as <see cref="ParseRevoke"/> / <see cref="ParseUnrevoke"/> read them (tokens in base64).</summary>
    public void WriteParams(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("pubkey", Pubkey.Hex);
        writer.WriteStartArray(Unrevoke ? "unrevoke" : "revoke");
        foreach (var token in Tokens)
            writer.WriteBase64StringValue(token.Bytes);
        writer.WriteEndArray();
        writer.WriteNumber("timestamp", TimestampMs);
        RequestBody.WriteSignature(writer, Signature);
        writer.WriteEndObject();
    }

    /// <summary>The request body, <c>{"method": "revoke_subaccount", "params": {…}}</c> (or unrevoke).</summary>
    public byte[] ToBody() => RequestBody.Serialize(Method, WriteParams);

    private static List<SubaccountToken>? ParseTokens(List<string> texts)
    {
        var tokens = new List<SubaccountToken>(texts.Count);
        foreach (var text in texts)
        {
            if (!SubaccountToken.TryParse(text, out var token))
                return null;
            tokens.Add(token);
        }
        return tokens;
    }
}
