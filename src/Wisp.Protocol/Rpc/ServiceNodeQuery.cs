using System.Buffers;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// The <c>params</c> of <c>get_service_nodes</c>, read as oxend reads them (oxen-core
/// <c>core_rpc_server_command_parser.cpp</c>; its error texts, keys read in ascending order, the first error wins).
/// <list type="bullet">
/// <item><c>active_only</c>: a boolean (or 0/1): only active nodes.</item>
/// <item><c>fields</c>: the keys to return, at the top level and in each node — a list of names (<c>"all"</c> for
/// every field, <c>"-name"</c> after <c>"all"</c> to leave one out), or the deprecated <c>{"name": true}</c> object
/// that Session's clients send. Absent or empty: every field.</item>
/// <item><c>limit</c>: a 32-bit integer; positive: that many nodes chosen at random, in random order; negative: all
/// nodes, shuffled; 0 or absent: all nodes in list order.</item>
/// <item><c>poll_block_hash</c>: 64 hex; when it is the current block hash, the reply says <c>unchanged</c> and
/// lists nothing (an empty string is no hash).</item>
/// <item><c>service_node_pubkeys</c>: a list of 64-hex keys: only those nodes, in that order.</item>
/// </list>
/// </summary>
public sealed record ServiceNodeQuery(
    IReadOnlySet<string> Fields, bool ActiveOnly = false, int Limit = 0, string? PollBlockHash = null,
    IReadOnlyList<string>? ServiceNodePubkeys = null)
{
    /// <summary>What oxend puts before every parameter error it answers with.</summary>
    public const string ErrorPrefix = "Unable to parse request: Failed to parse request parameters: ";

    /// <summary>Every field, every node.</summary>
    public static ServiceNodeQuery All { get; } = new(new HashSet<string>(StringComparer.Ordinal));

    /// <summary>True when the reply carries <paramref name="field"/> (oxend's <c>requested</c>).</summary>
    public bool Wants(string field) =>
        Fields.Count == 0 || (Fields.Contains("all") ? !Fields.Contains("-" + field) : Fields.Contains(field));

    /// <summary>Reads <c>params</c> (absent or null: <see cref="All"/>); an error is 400 with oxend's text.</summary>
    public static ParseResult<ServiceNodeQuery> Parse(JsonElement? parameters)
    {
        if (parameters is not { } json || json.ValueKind == JsonValueKind.Null)
            return All;
        if (json.ValueKind != JsonValueKind.Object)
            return Error("parameters must be a JSON object");

        var activeOnly = false;
        if (Field(json, "active_only") is { } active)
        {
            if (active.ValueKind is JsonValueKind.True or JsonValueKind.False)
                activeOnly = active.GetBoolean();
            else if (active.ValueKind == JsonValueKind.Number && active.TryGetUInt64(out var flag) && flag <= 1)
                activeOnly = flag == 1;
            else
                return Error("Invalid value for 'active_only': expected boolean");
        }

        var fields = new HashSet<string>(StringComparer.Ordinal);
        if (Field(json, "fields") is { } requested && ReadFields(requested, fields) is { } fieldsError)
            return fieldsError;

        var limit = 0;
        if (Field(json, "limit") is { } count)
        {
            if (count.ValueKind == JsonValueKind.Number && count.TryGetInt64(out var value))
            {
                if (value > int.MaxValue)
                    return Error("Invalid value for 'limit': value is too large");
                if (value < int.MinValue)
                    return Error("Invalid value for 'limit': negative value magnitude is too large");
                limit = (int)value;
            }
            else
            {
                return count.ValueKind == JsonValueKind.Number && count.TryGetUInt64(out _)
                    ? Error("Invalid value for 'limit': value is too large")
                    : Error("Invalid value for 'limit': value is not an integer");
            }
        }

        string? poll = null;
        if (Field(json, "poll_block_hash") is { } hash && !(hash.ValueKind == JsonValueKind.String && hash.GetString()!.Length == 0))
        {
            if (!IsHex32(hash))
                return Error("Invalid values in 'poll_block_hash'");
            poll = hash.GetString()!.ToLowerInvariant();
        }

        List<string>? pubkeys = null;
        if (Field(json, "service_node_pubkeys") is { } keys)
        {
            if (keys.ValueKind != JsonValueKind.Array || keys.EnumerateArray().Any(k => !IsHex32(k)))
                return Error("Invalid values in 'service_node_pubkeys'");
            pubkeys = [.. keys.EnumerateArray().Select(k => k.GetString()!.ToLowerInvariant())];
        }

        if (fields.Count == 1 && fields.Contains("all"))
            fields.Clear();
        return new ServiceNodeQuery(fields, activeOnly, limit, poll, pubkeys);
    }

    /// <summary>Writes the params object (fields as a list, the current form).</summary>
    public void WriteParams(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (ActiveOnly)
            writer.WriteBoolean("active_only", true);
        if (Fields.Count > 0)
            RpcJson.WriteStrings(writer, "fields", Fields.Order(StringComparer.Ordinal));
        if (Limit != 0)
            writer.WriteNumber("limit", Limit);
        if (PollBlockHash is not null)
            writer.WriteString("poll_block_hash", PollBlockHash);
        if (ServiceNodePubkeys is not null)
            RpcJson.WriteStrings(writer, "service_node_pubkeys", ServiceNodePubkeys);
        writer.WriteEndObject();
    }

    /// <summary>The params object as a JSON value.</summary>
    public JsonElement ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, RpcJson.WriterOptions))
            WriteParams(writer);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static RpcError? ReadFields(JsonElement requested, HashSet<string> fields)
    {
        if (requested.ValueKind == JsonValueKind.Object)
        {
            // The deprecated {"name": true} form, read in key order as oxend's JSON library stores it: "all" set to
            // true ends the list and means every field; a name set to false is skipped.
            foreach (var property in requested.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                if (property.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    return Error($"[json.exception.type_error.302] type must be boolean, but is {TypeName(property.Value)}");
                if (!property.Value.GetBoolean())
                    continue;
                if (property.Name == "all")
                {
                    fields.Clear();
                    break;
                }
                fields.Add(property.Name);
            }
            return null;
        }
        if (requested.ValueKind != JsonValueKind.Array || requested.EnumerateArray().Any(f => f.ValueKind != JsonValueKind.String))
            return Error("Invalid values in 'fields'");
        foreach (var field in requested.EnumerateArray())
            fields.Add(field.GetString()!);
        return null;
    }

    /// <summary>A given key, null included: oxend reads a null as a value of the wrong type, not as absent.</summary>
    private static JsonElement? Field(JsonElement json, string name) => json.TryGetProperty(name, out var value) ? value : null;

    private static bool IsHex32(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: 64 } hex && hex.All(char.IsAsciiHexDigit);

    /// <summary>The type names oxend's JSON library puts in its conversion errors.</summary>
    private static string TypeName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        _ => "null",
    };

    private static RpcError Error(string message) => RpcError.BadRequest(ErrorPrefix + message);
}
