using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wisp.Protocol.Community;

/// <summary>
/// One subrequest of <c>POST /batch</c> or <c>/sequence</c>: <c>method</c> (GET, DELETE, or POST/PUT with exactly one
/// of <c>json</c>, <c>b64</c>, <c>bytes</c> as body), <c>path</c> (starting with <c>/</c>, may carry a query) and
/// optional string <c>headers</c>. The outer request's signature covers every subrequest.
/// </summary>
public sealed record BatchSubrequest(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("path")] string Path)
{
    [JsonPropertyName("headers"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    [JsonPropertyName("json"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Json { get; init; }

    [JsonPropertyName("b64"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? B64 { get; init; }

    [JsonPropertyName("bytes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Bytes { get; init; }
}

/// <summary>
/// One result of a batch: <c>code</c>, lower-case <c>headers</c> (content-type among them) and <c>body</c>: the
/// subrequest's JSON when it answered JSON, else its bytes as a base64 string.
/// </summary>
public sealed record BatchResult(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string> Headers,
    [property: JsonPropertyName("body")] JsonElement Body);

/// <summary>One entry of <c>GET /room/{token}/reactors/{id}/{emoji}</c>: <c>[session_id, at]</c>, a JSON pair.</summary>
[JsonConverter(typeof(ReactorConverter))]
public sealed record Reactor(string SessionId, double At);

/// <summary>Writes and reads a <see cref="Reactor"/> as pysogs's two-element array.</summary>
public sealed class ReactorConverter : JsonConverter<Reactor>
{
    public override void Write(Utf8JsonWriter writer, Reactor value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        writer.WriteStringValue(value.SessionId);
        writer.WriteNumberValue(value.At);
        writer.WriteEndArray();
    }

    public override Reactor Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 2)
            throw new JsonException("A reactor is [session_id, at].");
        return new Reactor(root[0].GetString() ?? throw new JsonException("A reactor's Session ID is a string."), root[1].GetDouble());
    }
}
