using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Wisp.Protocol.Onion;

/// <summary>
/// The plaintext of a destination node's answer to an onion request, before it is encrypted for the client:
/// <c>{"body": …, "status": code}</c>, as Session's <c>wrap_proxy_response</c> writes it. A text body goes in as a
/// string; a JSON body as a string too (Session's "double-encoded" default) or, when the layer asked with
/// <c>"json": true</c>, as the JSON value itself. The node writes it and the client reads it with this one type.
/// </summary>
public static class DestinationReply
{
    /// <summary>Deepest nesting a reader accepts: an RPC answer inside the wrapper.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonWriterOptions Writer = new()
    {
        // Session's nlohmann::json escapes only what JSON requires; so does this ('+' and '/' stay as they are).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The plaintext for an answer.</summary>
    /// <param name="status">The answer's HTTP status.</param>
    /// <param name="body">The answer's body, UTF-8.</param>
    /// <param name="bodyIsJson">True when <paramref name="body"/> is a JSON document (else it is a text body).</param>
    /// <param name="embedJson">The layer's <c>"json"</c> flag: embed a JSON body as a value rather than a string.</param>
    public static byte[] Write(int status, ReadOnlySpan<byte> body, bool bodyIsJson, bool embedJson)
    {
        using var buffer = new MemoryStream(body.Length + 32);
        using (var json = new Utf8JsonWriter(buffer, Writer))
        {
            // Session's JSON library writes keys in order: "body" before "status".
            json.WriteStartObject();
            json.WritePropertyName("body");
            if (embedJson && bodyIsJson && IsJson(body))
                json.WriteRawValue(body, skipInputValidation: true);
            else if (Utf8.IsValid(body))
                json.WriteStringValue(body);
            else
                // Not UTF-8 (the storage RPC never answers so): base64 keeps the bytes intact instead of mangling them.
                json.WriteStringValue(Convert.ToBase64String(body));
            json.WriteNumber("status", status);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Reads a decrypted reply: its status (100–599) and its body's bytes (a string body as its UTF-8, an embedded JSON
    /// body as its JSON text; no body is empty). False, with the reason, for anything else.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> plaintext, out int status, out byte[] body, out string? problem)
    {
        status = 0;
        body = [];
        try
        {
            var reader = new Utf8JsonReader(plaintext, new JsonReaderOptions { MaxDepth = MaxDepth });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("status", out var statusField) || statusField.ValueKind != JsonValueKind.Number
                || !statusField.TryGetInt32(out status)
                || status is < 100 or > 599)
            {
                status = 0;
                problem = "the reply has no status between 100 and 599";
                return false;
            }
            if (root.TryGetProperty("body", out var bodyField))
                body = bodyField.ValueKind == JsonValueKind.String
                    ? Encoding.UTF8.GetBytes(bodyField.GetString()!)
                    : Encoding.UTF8.GetBytes(bodyField.GetRawText());
            problem = null;
            return true;
        }
        catch (JsonException)
        {
            problem = "the reply is not a JSON object";
            return false;
        }
    }

    private static bool IsJson(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
            while (reader.Read()) { }
            return reader.BytesConsumed == body.Length && body.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
