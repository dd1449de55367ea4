using System.Text.Json.Serialization;

namespace Wisp.Protocol.Community;

/// <summary>
/// A user's own rights in one room, as pysogs's <c>GET /room/{token}/permissions</c> lists them (its
/// <c>addExtraPermInfo</c>): only what is set for the user, not the room's defaults. <see cref="Banned"/> only when
/// true; one of <see cref="Admin"/> (an admin) or <see cref="Moderator"/> (a moderator only); <see cref="Hidden"/> for
/// a moderator or admin not listed publicly. An empty object when nothing is set.
/// </summary>
public sealed record PermissionOverride(
    [property: JsonPropertyName("banned"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Banned,
    [property: JsonPropertyName("read"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Read,
    [property: JsonPropertyName("accessible"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Accessible,
    [property: JsonPropertyName("write"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Write,
    [property: JsonPropertyName("upload"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Upload,
    [property: JsonPropertyName("moderator"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Moderator,
    [property: JsonPropertyName("admin"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Admin,
    [property: JsonPropertyName("hidden"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Hidden)
{
    /// <summary>Nothing set: <c>{}</c>.</summary>
    public static PermissionOverride None { get; } = new(null, null, null, null, null, null, null, null);
}

/// <summary>
/// One scheduled change in a room (pysogs's <c>futurePermissions</c>): at unix time <see cref="At"/> the non-null
/// rights are set, or the user is (un)banned. <see cref="SessionId"/> only in the room-wide list.
/// </summary>
public sealed record FuturePermission(
    [property: JsonPropertyName("at")] double At,
    [property: JsonPropertyName("session_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SessionId,
    [property: JsonPropertyName("read"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Read,
    [property: JsonPropertyName("write"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Write,
    [property: JsonPropertyName("upload"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Upload,
    [property: JsonPropertyName("banned"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Banned);

/// <summary>The answer to <c>PUT /room/{token}</c>: the room's new <c>info_updates</c>.</summary>
/// <param name="InfoUpdates">The room's info counter after the update.</param>
public sealed record RoomUpdated([property: JsonPropertyName("info_updates")] long InfoUpdates);

/// <summary>Source-generated JSON for the room update and permission records.</summary>
[JsonSerializable(typeof(PermissionOverride))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, PermissionOverride>))]
[JsonSerializable(typeof(IReadOnlyList<FuturePermission>))]
[JsonSerializable(typeof(RoomUpdated))]
public sealed partial class CommunityPermissionJsonContext : JsonSerializerContext;
