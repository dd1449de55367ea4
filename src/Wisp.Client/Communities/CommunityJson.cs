using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Wisp.Client.Communities;

/// <summary>Reading and writing the community records (Wisp.Protocol.Community) without exceptions for bad replies.</summary>
internal static class CommunityJson
{
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

    public static byte[] Write<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);
}
