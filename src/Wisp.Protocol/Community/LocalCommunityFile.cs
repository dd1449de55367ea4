using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wisp.Protocol.Community;

/// <summary>
/// <c>community/local-community.json</c> in a local network's folder: the community server <c>wisp up</c> runs beside
/// the nodes — its URL, X25519 key, process, data directory and the join URL of its <c>lobby</c> room — for clients
/// and tests on the same machine. Written once the server answers; holds no secret.
/// </summary>
/// <param name="Url">The server's base URL, <c>http://127.0.0.1:PORT</c>.</param>
/// <param name="X25519">The server's X25519 public key, hex.</param>
/// <param name="ProcessId">The server process.</param>
/// <param name="Data">Its data directory (for <c>wisp community room … --data</c>).</param>
/// <param name="JoinUrl">The lobby's join URL in Session's form.</param>
public sealed record LocalCommunityFile(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("x25519")] string X25519,
    [property: JsonPropertyName("pid")] int ProcessId,
    [property: JsonPropertyName("data")] string Data,
    [property: JsonPropertyName("join_url")] string JoinUrl)
{
    /// <summary>The folder in the local network's folder (also the server's data directory).</summary>
    public const string LocalNetworkFolder = "community";

    /// <summary>The file's name in that folder.</summary>
    public const string FileName = "local-community.json";

    /// <summary>The room <c>wisp up</c> makes.</summary>
    public const string LobbyToken = "lobby";

    /// <summary>The file's bytes (one line of JSON).</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, LocalCommunityJsonContext.Default.LocalCommunityFile);

    /// <summary>Reads the file's bytes; null when they are not this file.</summary>
    public static LocalCommunityFile? TryParse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, LocalCommunityJsonContext.Default.LocalCommunityFile);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Source-generated JSON for <see cref="LocalCommunityFile"/>.</summary>
[JsonSerializable(typeof(LocalCommunityFile))]
public sealed partial class LocalCommunityJsonContext : JsonSerializerContext;
