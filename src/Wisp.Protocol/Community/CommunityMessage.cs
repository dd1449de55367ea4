using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wisp.Protocol.Community;

/// <summary>
/// A room message as the message routes return it (pysogs's <c>get_messages_for</c>), fields in pysogs's order:
/// <c>id</c>, <c>session_id</c>, <c>posted</c> (unix seconds), <c>seqno</c>, <c>data</c> (base64 of the padded data,
/// or JSON <c>null</c> with <c>"deleted": true</c> for a deleted message), <c>signature</c> (base64, absent when
/// deleted), <c>edited</c> (when edited), <c>whisper</c>/<c>whisper_mods</c>/<c>whisper_to</c> (whispers only) and
/// <c>reactions</c>. A reaction-only update in a since-poll with <c>?t=r</c> is just <c>id</c>, <c>seqno</c> and
/// <c>reactions</c> (<see cref="ReactionsOnly"/>). Hand-written converter because <c>data</c> is written as null for a
/// deletion but absent in a reaction-only update.
/// </summary>
[JsonConverter(typeof(CommunityMessageConverter))]
public sealed record CommunityMessage(long Id, long Seqno)
{
    public string? SessionId { get; init; }
    public double? Posted { get; init; }

    /// <summary>The message data with Session's padding; null when deleted or reaction-only.</summary>
    public byte[]? Data { get; init; }

    public bool Deleted { get; init; }
    public byte[]? Signature { get; init; }
    public double? Edited { get; init; }
    public bool Whisper { get; init; }
    public bool WhisperMods { get; init; }
    public string? WhisperTo { get; init; }

    /// <summary>This row only tells of reaction changes.</summary>
    public bool ReactionsOnly { get; init; }

    /// <summary>Posted or pysogs's <c>filtered</c> flag on a post the server accepted but will not show others.</summary>
    public bool Filtered { get; init; }

    /// <summary>Reactions by emoji, in the order first added; null when the message is deleted (then absent).</summary>
    public IReadOnlyDictionary<string, ReactionInfo>? Reactions { get; init; }
}

/// <summary>
/// One reaction on a message: <c>index</c> (its order among the message's reactions), <c>count</c>, <c>reactors</c>
/// (the first few Session IDs, up to the <c>reactors</c> query parameter), <c>you</c> (present, true, when the asking
/// user reacted so).
/// </summary>
public sealed record ReactionInfo(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("count")] long Count)
{
    [JsonPropertyName("reactors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Reactors { get; init; }

    [JsonPropertyName("you"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? You { get; init; }
}

/// <summary>Writes and reads <see cref="CommunityMessage"/> in pysogs's field order and presence rules.</summary>
public sealed class CommunityMessageConverter : JsonConverter<CommunityMessage>
{
    public override void Write(Utf8JsonWriter writer, CommunityMessage value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteNumber("id", value.Id);
        if (!value.ReactionsOnly)
        {
            writer.WriteString("session_id", value.SessionId);
            writer.WriteNumber("posted", value.Posted ?? 0);
        }
        writer.WriteNumber("seqno", value.Seqno);
        if (!value.ReactionsOnly)
        {
            if (value.Deleted || value.Data is null)
            {
                writer.WriteNull("data");
                writer.WriteBoolean("deleted", true);
            }
            else
            {
                writer.WriteBase64String("data", value.Data);
                writer.WriteBase64String("signature", value.Signature ?? []);
            }
            if (value.Edited is { } edited)
                writer.WriteNumber("edited", edited);
            if (value.Whisper)
            {
                writer.WriteBoolean("whisper", true);
                writer.WriteBoolean("whisper_mods", value.WhisperMods);
                if (value.WhisperTo is not null)
                    writer.WriteString("whisper_to", value.WhisperTo);
            }
            if (value.Filtered)
                writer.WriteBoolean("filtered", true);
        }
        if (value.Reactions is not null)
        {
            writer.WritePropertyName("reactions");
            JsonSerializer.Serialize(writer, value.Reactions, CommunityJsonContext.Default.IReadOnlyDictionaryStringReactionInfo);
        }
        writer.WriteEndObject();
    }

    public override CommunityMessage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var id) || !root.TryGetProperty("seqno", out var seqno))
            throw new JsonException("A community message needs id and seqno.");
        var hasData = root.TryGetProperty("data", out var data);
        return new CommunityMessage(id.GetInt64(), seqno.GetInt64())
        {
            SessionId = root.TryGetProperty("session_id", out var sessionId) ? sessionId.GetString() : null,
            Posted = root.TryGetProperty("posted", out var posted) ? posted.GetDouble() : null,
            Data = hasData && data.ValueKind == JsonValueKind.String ? data.GetBytesFromBase64() : null,
            Deleted = root.TryGetProperty("deleted", out var deleted) && deleted.ValueKind == JsonValueKind.True,
            Signature = root.TryGetProperty("signature", out var signature) && signature.ValueKind == JsonValueKind.String ? signature.GetBytesFromBase64() : null,
            Edited = root.TryGetProperty("edited", out var edited) && edited.ValueKind == JsonValueKind.Number ? edited.GetDouble() : null,
            Whisper = root.TryGetProperty("whisper", out var whisper) && whisper.ValueKind == JsonValueKind.True,
            WhisperMods = root.TryGetProperty("whisper_mods", out var mods) && mods.ValueKind == JsonValueKind.True,
            WhisperTo = root.TryGetProperty("whisper_to", out var to) ? to.GetString() : null,
            Filtered = root.TryGetProperty("filtered", out var filtered) && filtered.ValueKind == JsonValueKind.True,
            ReactionsOnly = !hasData && !root.TryGetProperty("session_id", out _),
            Reactions = root.TryGetProperty("reactions", out var reactions)
                ? reactions.Deserialize(CommunityJsonContext.Default.IReadOnlyDictionaryStringReactionInfo)
                : null,
        };
    }
}
