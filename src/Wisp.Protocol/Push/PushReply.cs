using System.Text.Json;

namespace Wisp.Protocol.Push;

/// <summary>
/// One reply of <c>/subscribe</c> or <c>/unsubscribe</c>, as SPNS writes it (keys in sorted order):
/// <c>{"added":true,"message":"Subscription successful","success":true}</c>, <c>{"message":…,"success":true,"updated":true}</c>,
/// <c>{"message":…,"removed":bool,"success":true}</c>, or <c>{"error":CODE,"message":"…"}</c>. Sent with HTTP 200.
/// </summary>
public sealed record PushReply(bool Success, PushErrorCode Error, string Message, bool? Added = null, bool? Updated = null, bool? Removed = null)
{
    /// <summary>SPNS's words for a new subscription.</summary>
    public const string SubscribedMessage = "Subscription successful";

    /// <summary>SPNS's words for a renewed or changed subscription.</summary>
    public const string ResubscribedMessage = "Resubscription successful";

    /// <summary>SPNS's words when an unsubscription removed a subscription.</summary>
    public const string RemovedMessage = "Device unsubscribed from push notifications";

    /// <summary>SPNS's words when there was nothing to remove.</summary>
    public const string NotRemovedMessage = "Device was not subscribed to push notifications";

    /// <summary>SPNS's words for a failure whose cause stays in the server's log.</summary>
    public const string GenericError = "An error occured while processing your request";

    /// <summary>An accepted subscription: new (<c>added</c>) or renewed (<c>updated</c>).</summary>
    public static PushReply Subscribed(bool added) =>
        added ? new(true, PushErrorCode.Ok, SubscribedMessage, Added: true) : new(true, PushErrorCode.Ok, ResubscribedMessage, Updated: true);

    /// <summary>An accepted unsubscription.</summary>
    public static PushReply Unsubscribed(bool removed) =>
        new(true, PushErrorCode.Ok, removed ? RemovedMessage : NotRemovedMessage, Removed: removed);

    /// <summary>A refusal with its code and words.</summary>
    public static PushReply Failure(PushErrorCode code, string message) => new(false, code, message);

    /// <summary>Writes the reply object.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (Added is { } added) writer.WriteBoolean("added", added);
        if (!Success) writer.WriteNumber("error", (int)Error);
        writer.WriteString("message", Message);
        if (Removed is { } removed) writer.WriteBoolean("removed", removed);
        if (Success) writer.WriteBoolean("success", true);
        if (Updated is { } updated) writer.WriteBoolean("updated", updated);
        writer.WriteEndObject();
    }

    /// <summary>The replies as the body: one object, or an array when the request was an array.</summary>
    public static byte[] ToJson(IReadOnlyList<PushReply> replies, bool array)
    {
        ArgumentNullException.ThrowIfNull(replies);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (array) writer.WriteStartArray();
            foreach (var reply in replies) reply.WriteTo(writer);
            if (array) writer.WriteEndArray();
        }
        return buffer.ToArray();
    }

    /// <summary>Reads one reply object; null when it is not one.</summary>
    public static PushReply? TryParse(JsonElement obj)
    {
        if (obj.ValueKind != JsonValueKind.Object)
            return null;
        var message = obj.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
        bool? Flag(string name) => obj.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;
        if (Flag("success") == true)
            return new PushReply(true, PushErrorCode.Ok, message, Flag("added"), Flag("updated"), Flag("removed"));
        if (obj.TryGetProperty("error", out var e) && e.TryGetInt32(out var code))
            return new PushReply(false, (PushErrorCode)code, message);
        return null;
    }

    /// <summary>Reads a body of one reply or an array of them; null when it is neither.</summary>
    public static IReadOnlyList<PushReply>? TryParseBody(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
                return TryParse(root) is { } one ? [one] : null;
            if (root.ValueKind != JsonValueKind.Array)
                return null;
            var replies = new List<PushReply>();
            foreach (var item in root.EnumerateArray())
            {
                if (TryParse(item) is not { } reply) return null;
                replies.Add(reply);
            }
            return replies;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
