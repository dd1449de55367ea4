using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wisp.Protocol.Servers;

/// <summary>
/// A file or push server's run file in its data directory: where it listens and the X25519 key onion requests are
/// encrypted to, written at every start once the port is bound (by the server; this record only reads and writes the
/// bytes). Clients of a local network read it to reach the network's server. Holds no secret. The names are in
/// <see cref="Files.FileServerRunFile"/> and <see cref="Push.PushServerRunFile"/>; the community server's run file
/// names its key <c>public_key</c> and is <see cref="Community.CommunityRunFile"/>.
/// </summary>
public sealed record ServerRunFile(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("pid")] int ProcessId,
    [property: JsonPropertyName("x25519")] string X25519,
    [property: JsonPropertyName("started")] DateTimeOffset Started)
{
    /// <summary>The file's bytes (one line of JSON).</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, ServerRunFileJsonContext.Default.ServerRunFile);

    /// <summary>Reads the file's bytes; null when they are not a run file.</summary>
    public static ServerRunFile? TryParse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ServerRunFileJsonContext.Default.ServerRunFile);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The run file's JSON, read and written by System.Text.Json.</summary>
[JsonSerializable(typeof(ServerRunFile))]
public sealed partial class ServerRunFileJsonContext : JsonSerializerContext;
