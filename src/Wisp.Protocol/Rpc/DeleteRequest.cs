using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>delete</c> (recursive): delete named messages of an address (any namespace).
/// <list type="bullet">
/// <item><c>pubkey</c> (required), <c>pubkey_ed25519</c> (05 accounts), <c>subaccount</c>/<c>subaccount_sig</c>
/// (delete access).</item>
/// <item><c>messages</c> (required): one to <see cref="StorageLimits.MaxHashesPerRequest"/> (1,000; a Wisp cap) 43-character base64 message hashes (an array, or one string).</item>
/// <item><c>required</c> (optional bool): when true, the reply is 404 (same body) unless some member deleted something.</item>
/// <item><c>signature</c> (required): of <c>"delete" ‖ messages₀ ‖ messages₁ ‖ …</c> (no timestamp).</item>
/// </list>
/// Reply: <see cref="SwarmResponse{DeleteEntry}"/>; each member signs <c>pubkey_hex ‖ requested… ‖ deleted…</c>.
/// </summary>
public sealed record DeleteRequest(StoragePubkey Pubkey, IReadOnlyList<string> Messages, bool Required, RequestSignature Signature)
{
    /// <summary>The method name.</summary>
    public const string Method = "delete";

    /// <summary>Parses <c>params</c> (Session's field order and error texts).</summary>
    public static ParseResult<DeleteRequest> Parse(JsonElement parameters)
    {
        var p = new ParamReader(parameters);
        var messages = p.Strings("messages");
        var pubkeyText = p.String("pubkey");
        var pubkeyEd25519 = p.String("pubkey_ed25519");
        var required = p.Bool("required");
        var signatureText = p.String("signature");
        var subaccount = p.String("subaccount");
        var subaccountSig = p.String("subaccount_sig");
        if (p.Error is { } typeError)
            return typeError;
        var (pubkey, signature) = p.LoadSignature(pubkeyText, pubkeyEd25519, signatureText);
        var signed = p.LoadSubaccount(subaccount, subaccountSig);
        if (p.Error is { } error || !p.Require("messages", messages))
            return p.Error!;
        if (messages!.Count == 0)
            return RpcError.BadRequest("messages does not contain any message hashes");
        if (messages.Count > StorageLimits.MaxHashesPerRequest)
            return RpcError.BadRequest(StorageLimits.TooManyHashes("delete"));
        if (messages.FirstOrDefault(m => !ParamReader.IsMessageHash(m)) is { } bad)
            return RpcError.BadRequest("invalid message hash: " + bad);
        return new DeleteRequest(pubkey!, messages, required ?? false, signature! with { Subaccount = signed });
    }

    /// <summary>Writes <c>params</c> as <see cref="Parse"/> reads them (<c>required</c> only when true).</summary>
    public void WriteParams(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("pubkey", Pubkey.Hex);
        RpcJson.WriteStrings(writer, "messages", Messages);
        if (Required)
            writer.WriteBoolean("required", true);
        RequestBody.WriteSignature(writer, Signature);
        writer.WriteEndObject();
    }

    /// <summary>The request body, <c>{"method": "delete", "params": {…}}</c>.</summary>
    public byte[] ToBody() => RequestBody.Serialize(Method, WriteParams);
}
