using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wisp.Node.Hosting;

/// <summary>
/// <c>node.json</c> in the data directory: where the node last listened and who it is, written at every start once
/// the port is bound. Local tools (<c>wisp node info</c>, <c>wisp node status</c>) read it to find the node.
/// Holds no secret.
/// </summary>
public sealed record NodeRunFile(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("pid")] int ProcessId,
    [property: JsonPropertyName("ed25519")] string Ed25519,
    [property: JsonPropertyName("x25519")] string X25519,
    [property: JsonPropertyName("started")] DateTimeOffset Started)
{
    /// <summary>The file's name in the data directory.</summary>
    public const string FileName = "node.json";

    /// <summary>Writes the file (replacing the previous one in a single rename).</summary>
    public void Write(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(this, NodeJson.Indented));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads the file; null when the node never started here or the file is unreadable.</summary>
    public static NodeRunFile? TryRead(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<NodeRunFile>(File.ReadAllBytes(path), NodeJson.Indented);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>JSON settings the node's local files and status answers share.</summary>
internal static class NodeJson
{
    public static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
