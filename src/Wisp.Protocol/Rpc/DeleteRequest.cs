using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>delete</c>: delete named messages of an address (any namespace).
/// <list type="bullet">
/// <item><c>pubkey</c> (required), <c>pubkey_ed25519</c> (05 accounts).</item>
/// <item><c>messages</c> (required): one or more 43-character message hashes.</item>
/// <item><c>required</c> (optional bool): when true, answer 404 if nothing was deleted.</item>
/// <item><c>signature</c> (required): of <c>"delete" ‖ messages₀ ‖ messages₁ ‖ …</c> (no timestamp).</item>
/// </list>
/// Response: <c>{"swarm": {node_ed25519_hex: {"deleted": [sorted hashes], "signature"}}, "t"}</c>, the node signing
/// <c>pubkey_hex ‖ requested… ‖ deleted…</c>.
/// </summary>
public sealed record DeleteRequest(StoragePubkey Pubkey, IReadOnlyList<string> Messages, bool Required, RequestSignature Signature)
{
    /// <summary>The method name.</summary>
    public const string Method = "delete";

    /// <summary>Parses <c>params</c>.</summary>
    public static ParseResult<DeleteRequest> Parse(JsonElement parameters)
    {
        var p = new ParamReader(parameters);
        var pubkey = p.Pubkey();
        var signature = p.Signature(pubkey);
        var messages = p.Hashes("messages");
        var required = p.Boolean("required") ?? false;
        if (p.Error is { } error)
            return error;
        return new DeleteRequest(pubkey!, messages!, required, signature!);
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
