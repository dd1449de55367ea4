using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wisp.Protocol.Community;

/// <summary>
/// <c>community.json</c> in a community server's data directory: where it listens and its X25519 public key (the join
/// URL's <c>public_key</c>), written at every start once the port is bound. Holds no secret.
/// </summary>
public sealed record CommunityRunFile(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("pid")] int ProcessId,
    [property: JsonPropertyName("public_key")] string PublicKey,
    [property: JsonPropertyName("started")] DateTimeOffset Started)
{
    /// <summary>The file's name in the data directory.</summary>
    public const string FileName = "community.json";

    /// <summary>The file's bytes (one line of JSON).</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, CommunityJsonContext.Default.CommunityRunFile);

    /// <summary>Reads the file's bytes; null when they are not a run file.</summary>
    public static CommunityRunFile? TryParse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, CommunityJsonContext.Default.CommunityRunFile);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
