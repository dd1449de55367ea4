using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Wisp.Node.Storage;

namespace Wisp.Node.Rpc;

/// <summary>
/// How storage RPC answers are written: the JSON options of every answer, and a retrieve's <c>"messages"</c> array as
/// a node that writes itself straight into the answer's writer — each message's fields, and the base64 of its data
/// encoded into the writer's buffer. A tree of one object and four values per message, and a base64 string per
/// message, cost a fifth of a retrieve's server CPU; this writes the same bytes.
/// </summary>
internal static class RpcJson
{
    /// <summary>The options of every answer; they know how to write <see cref="Messages"/>' node.</summary>
    public static readonly JsonSerializerOptions Options = CreateOptions();

    private static readonly JsonTypeInfo<IReadOnlyList<StoredMessage>> TypeInfo =
        (JsonTypeInfo<IReadOnlyList<StoredMessage>>)Options.GetTypeInfo(typeof(IReadOnlyList<StoredMessage>));

    /// <summary>
    /// The array <c>[{"hash", "timestamp", "expiration", "data"}, …]</c>, written when the answer is (with
    /// <see cref="Options"/>, as <see cref="StorageRpc"/> writes every answer).
    /// </summary>
    public static JsonNode Messages(IReadOnlyList<StoredMessage> messages) =>
        JsonValue.Create(messages, TypeInfo) ?? throw new ArgumentNullException(nameof(messages));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            // Base64 is full of '+' and '/'; the default encoder would write '+' as \u002B. Bodies are never embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new Converter());
        options.MakeReadOnly();
        return options;
    }

    private sealed class Converter : JsonConverter<IReadOnlyList<StoredMessage>>
    {
        public override IReadOnlyList<StoredMessage> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Retrieved messages are only ever written.");

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<StoredMessage> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var message in value)
            {
                writer.WriteStartObject();
                writer.WriteString("hash"u8, message.Hash);
                writer.WriteNumber("timestamp"u8, message.TimestampMs);
                // Session's code says "expiration" here (its doc comment says "expiry"); clients read "expiration".
                writer.WriteNumber("expiration"u8, message.ExpiryMs);
                writer.WriteBase64String("data"u8, message.Data);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
    }
}
