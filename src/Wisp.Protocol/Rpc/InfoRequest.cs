using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>info</c>: the node's versions and clock. No parameters (any are ignored), no authentication.
/// Reply: <see cref="InfoResponse"/>. Clients take the time for signed requests from here (or any <c>t</c>).
/// </summary>
public sealed record InfoRequest
{
    /// <summary>The method name.</summary>
    public const string Method = "info";

    private static readonly InfoRequest Instance = new();

    /// <summary>Parses <c>params</c> (anything).</summary>
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
