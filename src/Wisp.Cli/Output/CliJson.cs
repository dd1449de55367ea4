using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wisp.Cli.Output;

/// <summary>
/// The one JSON dialect of every <c>--json</c> surface: snake_case names, unescaped non-ASCII text. Whatever a command
/// hands over — a record or a hand-built <see cref="JsonObject"/> — goes through <see cref="ToNode"/>, which renames
/// every property to snake_case, so a new command cannot drift into another spelling. Object keys are always names
/// here, never data (data goes into values), so renaming them is safe.
/// </summary>
internal static class CliJson
{
    /// <summary>Options for reading and writing records: snake_case names, case-sensitive.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };

    /// <summary>An indented document: what a command prints once with <c>--json</c>.</summary>
    public static string Document<T>(T value) => ToNode(value)?.ToJsonString(Indented) ?? "null";

    /// <summary>One line: for an object read as soon as it is printed, and for each event of a stream (one object per line).</summary>
    public static string Line<T>(T value) => ToNode(value)?.ToJsonString(Options) ?? "null";

    /// <summary><paramref name="value"/> as a JSON tree with every property name in snake_case.</summary>
    public static JsonNode? ToNode<T>(T value) => Rename(value as JsonNode ?? JsonSerializer.SerializeToNode(value, Options));

    /// <summary>A copy of a tree whose property names may be camelCase (another program's JSON), in snake_case; snake_case stays as it is.</summary>
    public static JsonNode? Rename(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Key), Rename(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Rename)]),
        _ => node?.DeepClone(),
    };
}
