using System.Text.Json.Serialization;

namespace Wisp.Protocol.Community;

/// <summary>
/// <c>GET /capabilities</c>: the server's capabilities, sorted (<c>sogs</c>, <c>reactions</c>, and <c>blind</c> when
/// blinded keys are required); <c>missing</c> lists those of <c>?required=a,b</c> the server lacks (then status 412).
/// </summary>
public sealed record CapabilitiesReply(
    [property: JsonPropertyName("capabilities")] IReadOnlyList<string> Capabilities,
    [property: JsonPropertyName("missing"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Missing = null);

/// <summary>One pinned message in room details: its id, when it was pinned (unix seconds) and by whom (Session ID).</summary>
public sealed record PinnedMessage(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("pinned_at")] double PinnedAt,
    [property: JsonPropertyName("pinned_by")] string PinnedBy);

/// <summary>
/// A room's details (<c>GET /room/{token}</c>, each element of <c>GET /rooms</c>, and pollInfo's <c>details</c>), as
/// pysogs's <c>get_room_info</c>: the optional fields are absent, not null, when they do not apply. The
/// <c>default_*</c> fields and <c>hidden_*</c> lists are for moderators only; <c>read</c>/<c>write</c>/<c>upload</c>
/// are the asking user's rights.
/// </summary>
public sealed record RoomInfo(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("info_updates")] long InfoUpdates,
    [property: JsonPropertyName("message_sequence")] long MessageSequence,
    [property: JsonPropertyName("created")] double Created,
    [property: JsonPropertyName("active_users")] long ActiveUsers,
    [property: JsonPropertyName("active_users_cutoff")] long ActiveUsersCutoff,
    [property: JsonPropertyName("moderators")] IReadOnlyList<string> Moderators,
    [property: JsonPropertyName("admins")] IReadOnlyList<string> Admins,
    [property: JsonPropertyName("read")] bool Read,
    [property: JsonPropertyName("write")] bool Write,
    [property: JsonPropertyName("upload")] bool Upload)
{
    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    [JsonPropertyName("image_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ImageId { get; init; }

    [JsonPropertyName("pinned_messages"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PinnedMessage>? PinnedMessages { get; init; }

    [JsonPropertyName("hidden_moderators"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? HiddenModerators { get; init; }

    [JsonPropertyName("hidden_admins"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? HiddenAdmins { get; init; }

    /// <summary>Present (true) only for a moderator, with the four <c>default_*</c> fields.</summary>
    [JsonPropertyName("moderator"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Moderator { get; init; }

    [JsonPropertyName("default_read"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? DefaultRead { get; init; }

    [JsonPropertyName("default_accessible"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? DefaultAccessible { get; init; }

    [JsonPropertyName("default_write"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? DefaultWrite { get; init; }

    [JsonPropertyName("default_upload"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? DefaultUpload { get; init; }

    [JsonPropertyName("admin"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Admin { get; init; }

    [JsonPropertyName("global_moderator"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? GlobalModerator { get; init; }

    [JsonPropertyName("global_admin"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? GlobalAdmin { get; init; }
}

/// <summary>
/// <c>GET /room/{token}/pollInfo/{info_updates}</c>: the asking user's rights and the active count, with the room's
/// <c>details</c> only when its <c>info_updates</c> differs from the one the client gave; the moderator fields as in
/// <see cref="RoomInfo"/>.
/// </summary>
public sealed record PollInfoReply(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("active_users")] long ActiveUsers,
    [property: JsonPropertyName("read")] bool Read,
    [property: JsonPropertyName("write")] bool Write,
    [property: JsonPropertyName("upload")] bool Upload)
{
    [JsonPropertyName("details"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RoomInfo? Details { get; init; }

    [JsonPropertyName("moderator"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Moderator { get; init; }

    [JsonPropertyName("default_read"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? DefaultRead { get; init; }

    [JsonPropertyName("default_accessible"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? DefaultAccessible { get; init; }

    [JsonPropertyName("default_write"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? DefaultWrite { get; init; }

    [JsonPropertyName("default_upload"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? DefaultUpload { get; init; }

    [JsonPropertyName("admin"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Admin { get; init; }

    [JsonPropertyName("global_moderator"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? GlobalModerator { get; init; }

    [JsonPropertyName("global_admin"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? GlobalAdmin { get; init; }
}
