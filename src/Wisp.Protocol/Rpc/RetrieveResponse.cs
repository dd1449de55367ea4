using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>One retrieved message: its hash, timestamp and current expiry (Unix ms) and its data.</summary>
public sealed record RetrievedMessage(string Hash, long TimestampMs, long ExpiryMs, byte[] Data);

/// <summary>
/// The <c>retrieve</c> reply: <c>{"hf", "messages": [{"data" (base64), "expiration", "hash", "timestamp"}], "more",
/// "t"}</c>. The last message's hash is the next <c>last_hash</c>; <c>more</c> says the limits cut the answer short.
/// </summary>
/// <remarks>
/// Written straight into the writer, data base64-encoded into its buffer: a retrieve is the node's hottest read, and a
/// tree of JSON nodes with a base64 string per message cost a fifth of its CPU. (Session's code says "expiration"
/// where its doc comment says "expiry"; clients read "expiration".)
/// </remarks>
public sealed record RetrieveResponse(IReadOnlyList<RetrievedMessage> Messages, bool More, long T, HardFork Hf)
    : IRpcResponse<RetrieveResponse>
{
    /// <inheritdoc />
    public int SizeHint
    {
        get
        {
            // Base64 of each message's data, plus its other fields and the envelope.
            var size = 64L;
            foreach (var message in Messages)
                size += (message.Data.Length + 2) / 3 * 4 + 128;
            return (int)Math.Min(size, int.MaxValue);
        }
    }

    /// <inheritdoc />
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        RpcJson.WriteHardFork(writer, "hf", Hf);
        writer.WriteStartArray("messages"u8);
        foreach (var message in Messages)
        {
            writer.WriteStartObject();
            writer.WriteBase64String("data"u8, message.Data);
            writer.WriteNumber("expiration"u8, message.ExpiryMs);
            writer.WriteString("hash"u8, message.Hash);
            writer.WriteNumber("timestamp"u8, message.TimestampMs);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteBoolean("more"u8, More);
        writer.WriteNumber("t"u8, T);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out RetrieveResponse? value)
    {
        value = null;
        if (!RpcJson.TryProperty(json, "messages", out var array) || array.ValueKind != JsonValueKind.Array
            || !RpcJson.TryBool(json, "more", out var more) || !RpcJson.TryInt64(json, "t", out var t)
            || !RpcJson.TryHardFork(json, "hf", out var hf))
            return false;
        var messages = new List<RetrievedMessage>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (!RpcJson.TryString(item, "hash", out var hash) || !RpcJson.TryInt64(item, "timestamp", out var timestamp)
                || !RpcJson.TryInt64(item, "expiration", out var expiry) || !RpcJson.TryProperty(item, "data", out var data)
                || data.ValueKind != JsonValueKind.String || !data.TryGetBytesFromBase64(out var bytes))
                return false;
            messages.Add(new RetrievedMessage(hash, timestamp, expiry, bytes));
        }
        value = new RetrieveResponse(messages, more, t, hf);
        return true;
    }
}
