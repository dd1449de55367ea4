using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>get_swarm</c> (alias <c>get_snodes_for_pubkey</c>): which swarm serves an address. No authentication.
/// <list type="bullet">
/// <item><c>pubkey</c> (required; alias <c>pubKey</c>): the 66-hex-character address.</item>
/// </list>
/// Response: <c>{"snodes": [{"pubkey_ed25519", "pubkey_x25519", "ip", "port_https", "port_omq", "port" (string,
/// deprecated)}], "swarm": "&lt;swarm id, lowercase hex&gt;", "t"}</c>. The same body comes with a 421.
/// </summary>
public sealed record GetSwarmRequest(StoragePubkey Pubkey)
{
    /// <summary>The method name.</summary>
    public const string Method = "get_swarm";

    /// <summary>Session's older name for the method.</summary>
    public const string LegacyMethod = "get_snodes_for_pubkey";

    /// <summary>Parses <c>params</c>.</summary>
    public static ParseResult<GetSwarmRequest> Parse(JsonElement parameters)
    {
        var p = new ParamReader(parameters);
        var pubkey = p.Pubkey(allowLegacyAlias: true);
        if (p.Error is { } error)
            return error;
        return new GetSwarmRequest(pubkey!);
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
