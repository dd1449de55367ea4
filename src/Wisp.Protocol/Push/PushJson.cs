using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Wisp.Protocol.Push;

/// <summary>
/// Reads the fields of a push request as SPNS does: a missing field is <c>BAD_INPUT "Missing required parameter"</c>; a
/// field of the wrong JSON type is <c>ERROR</c> with the JSON library's words; bytes may be raw, hex or base64.
/// </summary>
internal static class PushJson
{
    public const string MissingParameter = "Missing required parameter";
    public const string BadBytes = "Invalid value: expected bytes, hex, or base64";

    /// <summary>The field's element; false and <c>BAD_INPUT</c> when it is absent.</summary>
    public static bool TryField(JsonElement obj, string name, out JsonElement value, [NotNullWhen(false)] out PushReply? error)
    {
        error = null;
        if (obj.TryGetProperty(name, out value))
            return true;
        error = PushReply.Failure(PushErrorCode.BadInput, MissingParameter);
        return false;
    }

    public static bool TryString(JsonElement obj, string name, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out PushReply? error)
    {
        value = null;
        if (!TryField(obj, name, out var element, out error))
            return false;
        if (element.ValueKind != JsonValueKind.String)
            return TypeError("string", element, out error);
        value = element.GetString()!;
        return true;
    }

    /// <summary>A field of exactly <paramref name="size"/> bytes given raw, as hex, or as base64 (padded or not).</summary>
    public static bool TryBytes(JsonElement obj, string name, int size, [NotNullWhen(true)] out byte[]? value, [NotNullWhen(false)] out PushReply? error)
    {
        value = null;
        if (!TryString(obj, name, out var text, out error))
            return false;
        value = DecodeBytes(text, size);
        if (value is not null)
            return true;
        error = PushReply.Failure(PushErrorCode.Error, BadBytes);
        return false;
    }

    public static bool TryInt64(JsonElement obj, string name, out long value, [NotNullWhen(false)] out PushReply? error)
    {
        value = 0;
        if (!TryField(obj, name, out var element, out error))
            return false;
        if (element.ValueKind != JsonValueKind.Number)
            return TypeError("number", element, out error);
        // A fraction is cut off, as the C++ JSON library's integer conversion does.
        value = element.TryGetInt64(out var whole) ? whole : (long)Math.Clamp(element.GetDouble(), long.MinValue, long.MaxValue);
        return true;
    }

    public static bool TryBool(JsonElement obj, string name, out bool value, [NotNullWhen(false)] out PushReply? error)
    {
        value = false;
        if (!TryField(obj, name, out var element, out error))
            return false;
        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            return TypeError("boolean", element, out error);
        value = element.GetBoolean();
        return true;
    }

    /// <summary>Bytes of exactly <paramref name="size"/>: a string of that many characters taken raw, 2×size hex, or base64.</summary>
    public static byte[]? DecodeBytes(string text, int size)
    {
        if (text.Length == size && Encoding.UTF8.GetByteCount(text) == size)
            return Encoding.UTF8.GetBytes(text);
        if (text.Length == 2 * size && text.All(char.IsAsciiHexDigit))
            return Convert.FromHexString(text);
        var trimmed = text.TrimEnd('=');
        if (trimmed.Length != (size * 4 + 2) / 3)
            return null;
        var standard = trimmed.Replace('-', '+').Replace('_', '/');
        var padded = standard + new string('=', (4 - standard.Length % 4) % 4);
        var bytes = new byte[size + 2];
        return Convert.TryFromBase64String(padded, bytes, out var written) && written == size ? bytes[..size] : null;
    }

    /// <summary>The words nlohmann::json uses when a value has the wrong type, which SPNS passes on.</summary>
    public static bool TypeError(string wanted, JsonElement element, out PushReply error)
    {
        var actual = element.ValueKind switch
        {
            JsonValueKind.Object => "object",
            JsonValueKind.Array => "array",
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        };
        error = PushReply.Failure(PushErrorCode.Error, $"[json.exception.type_error.302] type must be {wanted}, but is {actual}");
        return false;
    }
}
