using System.Buffers;
using System.Text.Json;

namespace Wisp.Protocol.Peering;

/// <summary>The JSON plumbing every node-to-node record shares: a writer into bytes, a bounded parse, typed field reads.</summary>
internal static class PeeringJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = PeeringLimits.MaxJsonDepth };

    /// <summary>The bytes of one JSON object whose members <paramref name="write"/> writes.</summary>
    public static byte[] Object(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses <paramref name="body"/> as a JSON object and reads it with <paramref name="read"/>.</summary>
    public static PeeringResult<T> Read<T>(ReadOnlyMemory<byte> body, Func<JsonElement, PeeringResult<T>> read) where T : class
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException)
        {
            return PeeringResult<T>.Fail("the body must be a JSON object");
        }
        using (document)
        {
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? read(document.RootElement)
                : PeeringResult<T>.Fail("the body must be a JSON object");
        }
    }

    /// <summary>An integer member that fits in 64 bits.</summary>
    public static bool Long(JsonElement parent, string name, out long value)
    {
        value = 0;
        return parent.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }

    /// <summary>A true/false member.</summary>
    public static bool Boolean(JsonElement parent, string name, out bool value)
    {
        value = false;
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            return false;
        value = element.GetBoolean();
        return true;
    }

    /// <summary>A string member that decodes to text (no lone surrogate escape, no invalid UTF-8).</summary>
    public static bool String(JsonElement parent, string name, out string value)
    {
        value = "";
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
            return false;
        try
        {
            value = element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            // The parser accepts "\ud800" and some invalid bytes; decoding them is where they fail, and that is the sender's error.
            return false;
        }
    }
}
