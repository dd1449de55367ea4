using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Wisp.Client.Communities;

/// <summary>A direct message (<c>/inbox</c>, <c>/outbox</c>; <c>POST /inbox/ID</c>'s reply has no message).</summary>
/// <remarks>The client's reading until the server's record of it (cmod's <c>DirectMessage</c>) is merged; then this goes.</remarks>
internal sealed record WireDm(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("posted_at")] double PostedAt,
    [property: JsonPropertyName("expires_at")] double? ExpiresAt,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("sender")] string Sender,
    [property: JsonPropertyName("recipient")] string Recipient);

/// <summary>Reading and writing the community records (Wisp.Protocol.Community) without exceptions for bad replies.</summary>
internal static class CommunityJson
{
    private static readonly JsonSerializerOptions Options = new() { MaxDepth = 16 };

    /// <summary>The body as <typeparamref name="T"/>, or null when it is not that shape.</summary>
    public static T? Read<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> type) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(body, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The element as <typeparamref name="T"/>, or null when it is not that shape.</summary>
    public static T? Read<T>(JsonElement element, JsonTypeInfo<T> type) where T : class
    {
        try
        {
            return element.ValueKind == JsonValueKind.Undefined ? null : element.Deserialize(type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A record of the client's own (until its Protocol record lands), read by reflection.</summary>
    public static T? ReadOwn<T>(ReadOnlySpan<byte> body) where T : class
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

    /// <summary>The element as a record of the client's own.</summary>
    public static T? ReadOwn<T>(JsonElement element) where T : class
    {
        try
        {
            return element.ValueKind == JsonValueKind.Undefined ? null : element.Deserialize<T>(Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static byte[] Write<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);

    public static byte[] WriteOwn<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);
}
