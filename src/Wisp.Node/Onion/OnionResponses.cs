using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Wisp.Crypto.Onion;
using Wisp.Protocol.Onion;

namespace Wisp.Node.Onion;

/// <summary>
/// The destination's answer to a client: <c>{"body": …, "status": code}</c> encrypted once with the hop key of the
/// destination's layer, base64-encoded unless the layer said <c>"base64": false</c>. The RPC's JSON body goes in as
/// a string (Session's "double-encoded" default) or, with <c>"json": true</c>, as the JSON value itself. The hops
/// in between relay these bytes unchanged, and none of them can read them.
/// </summary>
public static class OnionResponses
{
    private static readonly JsonWriterOptions Writer = new()
    {
        // Session's nlohmann::json escapes only what JSON requires; so do we ('+' and '/' stay as they are).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The plaintext <c>{"status","body"}</c> for an RPC answer.</summary>
    /// <param name="status">The RPC's HTTP status.</param>
    /// <param name="body">The RPC's body, UTF-8.</param>
    /// <param name="bodyIsJson">True when <paramref name="body"/> is a JSON document (else it is Session's text error body).</param>
    /// <param name="embedJson">The layer's <c>"json"</c> flag: embed a JSON body as a value rather than a string.</param>
    public static byte[] Plaintext(int status, ReadOnlySpan<byte> body, bool bodyIsJson, bool embedJson)
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

    /// <summary>The destination's reply: the RPC answer encrypted for the client, as the layer asked for it.</summary>
    public static OnionReply Encrypt(HopKey key, int status, ReadOnlySpan<byte> body, bool bodyIsJson, DestinationInstruction instruction)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(instruction);
        return Seal(key, Plaintext(status, body, bodyIsJson, instruction.Json), instruction.Base64);
    }

    /// <summary>
    /// An error only the client should read (its layer decrypted but asked for something wrong), encrypted like a
    /// reply and sent with HTTP 200 so the hops in between learn nothing from the status.
    /// </summary>
    public static OnionReply EncryptError(HopKey key, int status, string message, bool base64 = true)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Seal(key, Plaintext(status, Encoding.UTF8.GetBytes(message), bodyIsJson: false, embedJson: false), base64);
    }

    private static OnionReply Seal(HopKey key, byte[] plaintext, bool base64)
    {
        var ciphertext = key.Encrypt(plaintext);
        return base64
            ? new OnionReply(200, Encoding.ASCII.GetBytes(Convert.ToBase64String(ciphertext)), OnionReply.PlainText)
            : new OnionReply(200, ciphertext, OnionReply.OctetStream);
    }

    private static bool IsJson(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            while (reader.Read()) { }
            return reader.BytesConsumed == body.Length && body.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
