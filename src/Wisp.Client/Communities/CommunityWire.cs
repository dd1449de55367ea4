using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wisp.Client.Communities;

// Session's community API replies as the client reads them (pysogs api.yaml). These are the client's reading of the
// shapes until the server's records in Wisp.Protocol.Community land; then they go and those are used.

/// <summary>A room's details (<c>GET /room/TOKEN</c>, and <c>details</c> in pollInfo).</summary>
internal sealed record WireRoom(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("info_updates")] long InfoUpdates,
    [property: JsonPropertyName("message_sequence")] long MessageSequence,
    [property: JsonPropertyName("active_users")] int ActiveUsers,
    [property: JsonPropertyName("read")] bool Read,
    [property: JsonPropertyName("write")] bool Write,
    [property: JsonPropertyName("moderator")] bool? Moderator,
    [property: JsonPropertyName("admin")] bool? Admin,
    [property: JsonPropertyName("global_moderator")] bool? GlobalModerator,
    [property: JsonPropertyName("global_admin")] bool? GlobalAdmin);

/// <summary>A room's poll info (<c>GET /room/TOKEN/pollInfo/N</c>): counts and permissions; details when info_updates moved past N.</summary>
internal sealed record WirePollInfo(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("active_users")] int ActiveUsers,
    [property: JsonPropertyName("read")] bool Read,
    [property: JsonPropertyName("write")] bool Write,
    [property: JsonPropertyName("moderator")] bool? Moderator,
    [property: JsonPropertyName("admin")] bool? Admin,
    [property: JsonPropertyName("details")] WireRoom? Details);

/// <summary>One reaction as a message lists it.</summary>
internal sealed record WireReaction(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("reactors")] IReadOnlyList<string>? Reactors,
    [property: JsonPropertyName("you")] bool? You);

/// <summary>A room message (<c>messages/since</c>, <c>recent</c>, <c>POST message</c>'s reply). A deleted one has no data.</summary>
internal sealed record WireMessage(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("session_id")] string? SessionId,
    [property: JsonPropertyName("posted")] double Posted,
    [property: JsonPropertyName("edited")] double? Edited,
    [property: JsonPropertyName("seqno")] long Seqno,
    [property: JsonPropertyName("data")] string? Data,
    [property: JsonPropertyName("signature")] string? Signature,
    [property: JsonPropertyName("deleted")] bool? Deleted,
    [property: JsonPropertyName("reactions")] Dictionary<string, WireReaction>? Reactions);

/// <summary>A direct message (<c>/inbox</c>, <c>/outbox</c>; <c>POST /inbox/ID</c>'s reply has no message).</summary>
internal sealed record WireDm(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("posted_at")] double PostedAt,
    [property: JsonPropertyName("expires_at")] double? ExpiresAt,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("sender")] string Sender,
    [property: JsonPropertyName("recipient")] string Recipient);

/// <summary>One sub-request of <c>POST /batch</c>.</summary>
internal sealed record WireSubRequest(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("json")] JsonElement? Json = null);

/// <summary>One sub-response of <c>POST /batch</c>.</summary>
internal sealed record WireSubResponse(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("body")] JsonElement Body);

/// <summary>The JSON the client sends and reads.</summary>
internal static class CommunityJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 16,
    };

    /// <summary>The body as <typeparamref name="T"/>, or null when it is not that shape.</summary>
    public static T? Read<T>(ReadOnlySpan<byte> body) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The element as <typeparamref name="T"/>, or null when it is not that shape.</summary>
    public static T? Read<T>(JsonElement element) where T : class
    {
        try
        {
            return element.Deserialize<T>(Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static byte[] Write<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);
}
