using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wisp.Protocol.Onion;

/// <summary>
/// Every key any onion control object may carry. One shape for all kinds because the kind is
/// decided by which keys are present, and servers add their own keys to the same object.
/// Declaration order is the order keys are written.
/// </summary>
internal sealed class OnionControlDto
{
    [JsonPropertyName("headers")] public JsonElement Headers { get; set; }
    [JsonPropertyName("base64")] public bool? Base64 { get; set; }
    [JsonPropertyName("json")] public bool? Json { get; set; }
    [JsonPropertyName("host")] public string? Host { get; set; }
    [JsonPropertyName("target")] public string? Target { get; set; }
    [JsonPropertyName("port")] public int? Port { get; set; }
    [JsonPropertyName("protocol")] public string? Protocol { get; set; }
    [JsonPropertyName("method")] public string? Method { get; set; }
    [JsonPropertyName("destination")] public string? Destination { get; set; }
    [JsonPropertyName("ephemeral_key")] public string? EphemeralKey { get; set; }
    [JsonPropertyName("enc_type")] public string? EncType { get; set; }
    [JsonPropertyName("hop_no")] public int? HopNo { get; set; }

    public bool HasHeaders => Headers.ValueKind != JsonValueKind.Undefined;
}

// Repeated keys are refused: two parsers that keep different copies of "destination" or "host"
// would route the same layer differently.
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    MaxDepth = OnionLimits.MaxJsonDepth,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(OnionControlDto))]
internal sealed partial class OnionControlJsonContext : JsonSerializerContext;

/// <summary>Reads and writes <see cref="OnionControlDto"/> with the source-generated context.</summary>
internal static class OnionControlJson
{
    /// <summary>What Session's clients send as "headers" for a destination node: an empty string.</summary>
    public static readonly JsonElement EmptyHeaders = JsonElement.Parse("\"\"");

    public static byte[] Write(OnionControlDto dto) =>
        JsonSerializer.SerializeToUtf8Bytes(dto, OnionControlJsonContext.Default.OnionControlDto);

    /// <summary>Null when the bytes are not a UTF-8 JSON object of the expected value types.</summary>
    public static OnionControlDto? TryRead(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, OnionControlJsonContext.Default.OnionControlDto);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
