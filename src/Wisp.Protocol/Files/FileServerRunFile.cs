using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wisp.Protocol.Files;

/// <summary>
/// <c>fileserver.json</c> in a file server's data directory: where it listens and its X25519 key, written at every
/// start once the port is bound (by the server; this record only reads and writes the bytes). Clients of a local network read it from
/// <c>&lt;network folder&gt;/<see cref="LocalNetworkFolder"/>/</c> to reach the network's file server. Holds no secret.
/// </summary>
public sealed record FileServerRunFile(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("pid")] int ProcessId,
    [property: JsonPropertyName("x25519")] string X25519,
    [property: JsonPropertyName("started")] DateTimeOffset Started)
{
    /// <summary>The file's name in the data directory.</summary>
    public const string FileName = "fileserver.json";

    /// <summary>The data directory of a local network's file server, inside the network's folder.</summary>
    public const string LocalNetworkFolder = "fileserver";

    /// <summary>The file's bytes (one line of JSON).</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, FileServerJsonContext.Default.FileServerRunFile);

    /// <summary>Reads the file's bytes; null when they are not a run file.</summary>
    public static FileServerRunFile? TryParse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, FileServerJsonContext.Default.FileServerRunFile);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
