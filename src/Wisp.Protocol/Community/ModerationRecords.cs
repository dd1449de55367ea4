using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wisp.Protocol.Community;

/// <summary>
/// The body of <c>POST /user/{session_id}/moderator</c> (pysogs's <c>set_mod</c>): exactly one of
/// <see cref="Rooms"/> (tokens, or <c>["*"]</c> for every room where the caller is admin) and <see cref="Global"/>;
/// at least one of <see cref="Moderator"/> and <see cref="Admin"/>. <c>admin: true</c> with <c>moderator: false</c> is
/// a 400. <see cref="Visible"/> defaults to true for room moderators and false for global ones. The answer is
/// <see cref="InfoUpdates"/>.
/// </summary>
/// <param name="Rooms">Room tokens, or <c>["*"]</c>; null for a global change.</param>
/// <param name="Global">True for a server-wide moderator or admin.</param>
/// <param name="Moderator">Add (true), remove with admin (false) or leave (null) moderator rights.</param>
/// <param name="Admin">Add (true), remove (false) or leave (null) admin rights.</param>
/// <param name="Visible">Listed publicly (true) or only to moderators (false); null for the default.</param>
public sealed record ModeratorRequest(
    [property: JsonPropertyName("rooms"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Rooms,
    [property: JsonPropertyName("global"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Global,
    [property: JsonPropertyName("moderator"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Moderator,
    [property: JsonPropertyName("admin"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Admin,
    [property: JsonPropertyName("visible"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Visible);

/// <summary>
/// The body of <c>POST /user/{session_id}/ban</c> and <c>/unban</c> (pysogs's <c>ban_user</c>, <c>unban_user</c>):
/// exactly one of <see cref="Rooms"/> and <see cref="Global"/>; for a ban, an optional <see cref="Timeout"/> after
/// which it lifts itself (a later ban replaces the earlier one's timeout). The answer is <c>{}</c>.
/// </summary>
/// <param name="Rooms">Room tokens, or <c>["*"]</c> for every room where the caller is a moderator; null for global.</param>
/// <param name="Global">True for a server-wide ban, which refuses every request of the user.</param>
/// <param name="Timeout">Seconds until the ban lifts; null (or 0, as pysogs reads it) for a permanent ban.</param>
public sealed record BanRequest(
    [property: JsonPropertyName("rooms"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Rooms,
    [property: JsonPropertyName("global"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Global,
    [property: JsonPropertyName("timeout"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Timeout);

/// <summary>
/// The answer to <c>POST /user/{session_id}/moderator</c>: each affected room's new <c>info_updates</c> (every room's,
/// for a global change), so a client knows when its room polls include the change.
/// </summary>
/// <param name="Rooms">Room token → its <c>info_updates</c>.</param>
public sealed record InfoUpdates([property: JsonPropertyName("info_updates")] IReadOnlyDictionary<string, long> Rooms);

/// <summary>The answer to <c>DELETE /rooms/all/{session_id}</c>: posts deleted in all, and per room.</summary>
/// <param name="Rooms">Room token → posts deleted there.</param>
/// <param name="Total">Posts deleted across the rooms.</param>
public sealed record PostsDeleted(
    [property: JsonPropertyName("rooms")] IReadOnlyDictionary<string, int> Rooms,
    [property: JsonPropertyName("total")] int Total);

/// <summary>The 201 answer to <c>POST /room/{token}/file</c>: the new file's id, to name in a post's <c>files</c>.</summary>
/// <param name="Id">The file id (the upload lives one hour unless a post or the room image claims it).</param>
public sealed record FileUploaded([property: JsonPropertyName("id")] long Id);

/// <summary>Source-generated JSON for the moderation, direct-message and room-file records.</summary>
[JsonSerializable(typeof(DirectMessage))]
[JsonSerializable(typeof(List<DirectMessage>))]
[JsonSerializable(typeof(SendDirectMessage))]
[JsonSerializable(typeof(InboxDeleted))]
[JsonSerializable(typeof(ModeratorRequest))]
[JsonSerializable(typeof(BanRequest))]
[JsonSerializable(typeof(InfoUpdates))]
[JsonSerializable(typeof(PostsDeleted))]
[JsonSerializable(typeof(FileUploaded))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class CommunityModerationJsonContext : JsonSerializerContext;
