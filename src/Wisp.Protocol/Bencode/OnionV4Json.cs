using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wisp.Protocol.Bencode;

/// <summary>The JSON metadata of a v4 request; declaration order is the order keys are written.</summary>
internal sealed class OnionV4RequestMeta
{
    [JsonPropertyName("method")] public string? Method { get; set; }
    [JsonPropertyName("endpoint")] public string? Endpoint { get; set; }
    [JsonPropertyName("headers")] public Dictionary<string, string>? Headers { get; set; }
}

/// <summary>The JSON metadata of a v4 response.</summary>
internal sealed class OnionV4ResponseMeta
{
    [JsonPropertyName("code")] public int? Code { get; set; }
    [JsonPropertyName("headers")] public Dictionary<string, string>? Headers { get; set; }
}

[JsonSourceGenerationOptions(MaxDepth = 8, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(OnionV4RequestMeta))]
[JsonSerializable(typeof(OnionV4ResponseMeta))]
internal sealed partial class OnionV4JsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context used for reading and writing. Relaxed escaping writes header values such as
    /// <c>filename*=UTF-8''name</c> as they are; the JSON never reaches an HTML page.
    /// </summary>
    public static OnionV4JsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 8,
        // A repeated key could be read one way here and another way by the server behind us.
        AllowDuplicateProperties = false,
    });
}
