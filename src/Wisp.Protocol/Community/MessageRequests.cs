using System.Text.Json.Serialization;

namespace Wisp.Protocol.Community;

/// <summary>
/// The body of <c>POST /room/{token}/message</c> and of the edit <c>PUT /room/{token}/message/{id}</c>: <c>data</c>
/// (base64 of the padded message), <c>signature</c> (base64, 64 bytes, by the poster's key over the padded data),
/// optional <c>whisper_to</c> (a Session ID) and <c>whisper_mods</c> (moderators only; ignored by edits), and
/// <c>files</c> (ids of uploads the message uses).
/// </summary>
public sealed record PostMessageRequest(
    [property: JsonPropertyName("data")] string? Data,
    [property: JsonPropertyName("signature")] string? Signature)
{
    [JsonPropertyName("whisper_to"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? WhisperTo { get; init; }

    [JsonPropertyName("whisper_mods"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool WhisperMods { get; init; }

    [JsonPropertyName("files"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<long>? Files { get; init; }
}

/// <summary><c>PUT /room/{token}/reaction/{id}/{emoji}</c>: whether the reaction was new, and the message's seqno after.</summary>
public sealed record ReactionAddedReply(
    [property: JsonPropertyName("added")] bool Added,
    [property: JsonPropertyName("seqno")] long Seqno);

/// <summary><c>DELETE /room/{token}/reaction/{id}/{emoji}</c>: whether there was one to remove, and the message's seqno after.</summary>
public sealed record ReactionRemovedReply(
    [property: JsonPropertyName("removed")] bool Removed,
    [property: JsonPropertyName("seqno")] long Seqno);

/// <summary>A moderator's <c>DELETE /room/{token}/reactions/{id}[/{emoji}]</c>: how many reactions went, and the message's seqno after.</summary>
public sealed record ReactionsClearedReply(
    [property: JsonPropertyName("removed")] long Removed,
    [property: JsonPropertyName("seqno")] long Seqno);

/// <summary><c>POST /room/{token}/pin/{id}</c>: the room's <c>info_updates</c> after.</summary>
public sealed record PinReply([property: JsonPropertyName("info_updates")] long InfoUpdates);

/// <summary><c>POST /room/{token}/unpin/{id}</c>: whether it was pinned, and the room's <c>info_updates</c> after.</summary>
public sealed record UnpinReply(
    [property: JsonPropertyName("unpinned")] bool Unpinned,
    [property: JsonPropertyName("info_updates")] long InfoUpdates);

/// <summary><c>POST /room/{token}/unpin/all</c>: how many were unpinned, and the room's <c>info_updates</c> after.</summary>
public sealed record UnpinAllReply(
    [property: JsonPropertyName("unpinned")] long Unpinned,
    [property: JsonPropertyName("info_updates")] long InfoUpdates);
