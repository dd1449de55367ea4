using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>info</c>: the node's version and clock. No parameters, no authentication.
/// Response: <c>{"version": [major, minor, patch], "timestamp": now_ms, "t": now_ms}</c>. Clients take the time for
/// signed requests from here (or any <c>t</c>) rather than from their own clock.
/// </summary>
public sealed record InfoRequest
{
    /// <summary>The method name.</summary>
    public const string Method = "info";

    private static readonly InfoRequest Instance = new();

    /// <summary>Parses <c>params</c> (any object; fields are ignored).</summary>
    public static ParseResult<InfoRequest> Parse(JsonElement parameters) => Instance;

    /// <summary>The request (it has no fields).</summary>
    public static InfoRequest Value => Instance;

    /// <summary>Writes <c>params</c>: <c>{}</c>.</summary>
    public void WriteParams(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteEndObject();
    }

    /// <summary>The request body, <c>{"method": "info", "params": {}}</c>.</summary>
    public byte[] ToBody() => RequestBody.Serialize(Method, WriteParams);
}
