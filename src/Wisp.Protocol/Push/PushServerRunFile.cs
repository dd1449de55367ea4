using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wisp.Protocol.Push;

/// <summary>
/// <c>pushserver.json</c> in a push server's data directory: where it listens and the X25519 key onion requests are
/// encrypted to, written at every start once the port is bound. Clients of a local network read it from
/// <c>&lt;network folder&gt;/<see cref="LocalNetworkFolder"/>/</c>. Holds no secret.
/// </summary>
public sealed record PushServerRunFile(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("pid")] int ProcessId,
    [property: JsonPropertyName("x25519")] string X25519,
    [property: JsonPropertyName("started")] DateTimeOffset Started)
{
    /// <summary>The file's name in the data directory.</summary>
    public const string FileName = "pushserver.json";

    /// <summary>The data directory of a local network's push server, inside the network's folder.</summary>
    public const string LocalNetworkFolder = "pushserver";

    /// <summary>The file's bytes (one line of JSON).</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, PushJsonContext.Default.PushServerRunFile);

    /// <summary>Reads the file's bytes; null when they are not a run file.</summary>
    public static PushServerRunFile? TryParse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, PushJsonContext.Default.PushServerRunFile);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
