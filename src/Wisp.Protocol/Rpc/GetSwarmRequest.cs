using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>get_swarm</c> (alias <c>get_snodes_for_pubkey</c>): which swarm serves an address. No authentication.
/// <list type="bullet">
/// <item><c>pubkey</c> (required; alias <c>pubKey</c>): 66 hex characters.</item>
/// </list>
/// Reply: <see cref="GetSwarmResponse"/>.
/// </summary>
public sealed record GetSwarmRequest(StoragePubkey Pubkey)
{
    /// <summary>The method name.</summary>
    public const string Method = "get_swarm";

    /// <summary>Session's older name for the method.</summary>
    public const string LegacyMethod = "get_snodes_for_pubkey";

    /// <summary>Parses <c>params</c> (Session's field order and error texts).</summary>
    public static ParseResult<GetSwarmRequest> Parse(JsonElement parameters)
    {
        var p = new ParamReader(parameters);
        var pubKeyAlias = p.String("pubKey");
        var pubkeyText = p.String("pubkey");
        var pk = p.OneOfAlias("pubkey", pubkeyText, "pubKey", pubKeyAlias);
        if (p.Error is { } error)
            return error;
        return StoragePubkey.TryLoad(pk!, out var pubkey)
            ? new GetSwarmRequest(pubkey)
            : RpcError.BadRequest("Pubkey must be 66 hex digits/33 bytes long");
    }

    /// <summary>Writes <c>params</c>: <c>{"pubkey"}</c>.</summary>
    public void WriteParams(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("pubkey", Pubkey.Hex);
        writer.WriteEndObject();
    }

    /// <summary>The request body, <c>{"method": "get_swarm", "params": {…}}</c>.</summary>
    public byte[] ToBody() => RequestBody.Serialize(Method, WriteParams);
}
