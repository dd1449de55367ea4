using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// How reply records write and read JSON. Writing escapes only what JSON requires, as Session's JSON library does
/// (base64's '+' and '/' stay as they are). Reading helpers never throw: a missing or mistyped field is a false.
/// </summary>
public static class RpcJson
{
    /// <summary>The writer options of every reply.</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        // Bodies are never embedded in HTML; the default encoder would write '+' as \u002B.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    /// <summary>
    /// The UTF-8 JSON of <paramref name="value"/>. A value that says it is large (<see cref="IRpcResponse.SizeHint"/>
    /// over 1 MiB) is written into a buffer of about that size made for it alone and handed out as it is, without the
    /// doubling growth and the copy <see cref="Serialize"/> makes: a 7.8 MB retrieve then allocates about its own size
    /// once, where it allocated some three times that.
    /// </summary>
    public static ReadOnlyMemory<byte> SerializeToMemory(IRpcResponse value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hint = value.SizeHint;
        if (hint <= 1 << 20)
            return Serialize(value);
        var buffer = new ArrayBufferWriter<byte>(hint);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            value.Write(writer);
        return buffer.WrittenMemory;
    }

    /// <summary>The UTF-8 JSON of <paramref name="value"/>.</summary>
    public static byte[] Serialize(IRpcResponse value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            value.Write(writer);
        var bytes = buffer.WrittenSpan.ToArray();
        // A retrieve can be megabytes: do not keep a buffer that large alive on every thread.
        if (buffer.Capacity > 1 << 20)
            _buffer = null;
        return bytes;
    }

    /// <summary>Parses <paramref name="utf8"/> and reads it with <typeparamref name="T"/>'s reader; false for invalid JSON too.</summary>
    public static bool TryParse<T>(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out T? value) where T : IRpcResponse<T>
    {
        value = default;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
            using var document = JsonDocument.ParseValue(ref reader);
            return T.TryRead(document.RootElement.Clone(), out value);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Writes <c>[major, minor]</c>.</summary>
    public static void WriteHardFork(Utf8JsonWriter writer, string name, HardFork hf)
    {
        writer.WriteStartArray(name);
        writer.WriteNumberValue(hf.Major);
        writer.WriteNumberValue(hf.Minor);
        writer.WriteEndArray();
    }

    /// <summary>Writes <c>[major, minor, patch]</c>.</summary>
    public static void WriteVersion(Utf8JsonWriter writer, string name, ServerVersion version)
    {
        writer.WriteStartArray(name);
        writer.WriteNumberValue(version.Major);
        writer.WriteNumberValue(version.Minor);
        writer.WriteNumberValue(version.Patch);
        writer.WriteEndArray();
    }

    /// <summary>Writes an array of strings.</summary>
    public static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
            writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    internal static bool IsObject(JsonElement json) => json.ValueKind == JsonValueKind.Object;

    internal static bool TryString(JsonElement obj, string name, [NotNullWhen(true)] out string? value)
    {
        value = obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var field) && field.ValueKind == JsonValueKind.String
            ? field.GetString()
            : null;
        return value is not null;
    }

    internal static bool TryInt64(JsonElement obj, string name, out long value)
    {
        value = 0;
        return obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var field)
            && field.ValueKind == JsonValueKind.Number && field.TryGetInt64(out value);
    }

    internal static bool TryBool(JsonElement obj, string name, out bool value)
    {
        value = false;
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var field)
            || field.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            return false;
        value = field.GetBoolean();
        return true;
    }

    internal static bool TryProperty(JsonElement obj, string name, out JsonElement value)
    {
        value = default;
        return obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out value);
    }

    internal static bool TryStrings(JsonElement array, [NotNullWhen(true)] out List<string>? values)
    {
        values = null;
        if (array.ValueKind != JsonValueKind.Array)
            return false;
        var list = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                return false;
            list.Add(item.GetString()!);
        }
        values = list;
        return true;
    }

    internal static bool TryHardFork(JsonElement obj, string name, out HardFork hf)
    {
        hf = default;
        if (!TryInts(obj, name, 2, out var parts))
            return false;
        hf = new HardFork(parts[0], parts[1]);
        return true;
    }

    internal static bool TryVersion(JsonElement obj, string name, out ServerVersion version)
    {
        version = default;
        if (!TryInts(obj, name, 3, out var parts))
            return false;
        version = new ServerVersion(parts[0], parts[1], parts[2]);
        return true;
    }

    private static bool TryInts(JsonElement obj, string name, int count, out int[] values)
    {
        values = new int[count];
        if (!TryProperty(obj, name, out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() != count)
            return false;
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out values[i++]))
                return false;
        }
        return true;
    }
}
