using System.Text.Json;
using Wisp.Node.Storage;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Swarm;

/// <summary>
/// The message record nodes exchange in sync, fetch and push: <c>{"id", "owner", "namespace", "hash", "timestamp",
/// "expiry", "data"}</c> — owner as 66 hex, hash as 43 unpadded base64, times in Unix ms, data in base64 (absent in a
/// sync listing), id the sender's insertion id. Unlike Session's bulk format, the namespace travels with every message.
/// Reading checks every field, and a record with data must hash to its <c>hash</c>
/// (<see cref="MessageHash.Compute"/>): a peer cannot plant a message under another message's name.
/// </summary>
public static class MessageRecords
{
    /// <summary>Writes one record; <paramref name="includeData"/> false leaves data out (a sync listing).</summary>
    public static void Write(Utf8JsonWriter json, PagedMessage paged, bool includeData)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(paged);
        var message = paged.Message;
        json.WriteStartObject();
        json.WriteNumber("id", paged.Id);
        json.WriteString("owner", message.Owner);
        json.WriteNumber("namespace", message.Namespace);
        json.WriteString("hash", message.Hash);
        json.WriteNumber("timestamp", message.TimestampMs);
        json.WriteNumber("expiry", message.ExpiryMs);
        if (includeData)
            json.WriteBase64String("data", message.Data);
        json.WriteEndObject();
    }

    /// <summary>
    /// Reads the array at <paramref name="records"/>: at most <paramref name="maxRecords"/> records; each must be well
    /// formed and, when <paramref name="requireData"/>, carry data that hashes to its hash. Returns the records or the
    /// first problem.
    /// </summary>
    public static bool TryRead(
        JsonElement records, int maxRecords, bool requireData, out List<PagedMessage> messages, out string? problem)
    {
        messages = [];
        if (records.ValueKind != JsonValueKind.Array)
        {
            problem = "messages must be an array";
            return false;
        }
        if (records.GetArrayLength() > maxRecords)
        {
            problem = $"at most {maxRecords} messages a request; got {records.GetArrayLength()}";
            return false;
        }
        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            if (!TryReadOne(record, requireData, out var message, out var why))
            {
                problem = $"messages[{index}]: {why}";
                return false;
            }
            messages.Add(message);
            index++;
        }
        problem = null;
        return true;
    }

    private static bool TryReadOne(JsonElement record, bool requireData, out PagedMessage message, out string? problem)
    {
        message = null!;
        problem = null;
        if (record.ValueKind != JsonValueKind.Object)
            return Fail("must be an object", out problem);
        if (!Long(record, "id", out var id) || id < 0)
            return Fail("id must be a non-negative integer", out problem);
        if (!record.TryGetProperty("owner", out var ownerText) || ownerText.ValueKind != JsonValueKind.String
            || !StoragePubkey.TryParse(ownerText.GetString(), out var owner, out _))
            return Fail("owner must be a 33-byte key as 66 hex characters", out problem);
        if (!Long(record, "namespace", out var ns) || !Namespaces.IsInRange(ns))
            return Fail("namespace must be an integer in the namespace range", out problem);
        if (!record.TryGetProperty("hash", out var hashText) || !MessageHash.IsWellFormed(hashText.GetString()))
            return Fail($"hash must be {MessageHash.Length} base64 characters", out problem);
        if (!Long(record, "timestamp", out var timestamp) || !Long(record, "expiry", out var expiry) || expiry < timestamp)
            return Fail("timestamp and expiry must be Unix ms with expiry ≥ timestamp", out problem);
        var hash = hashText.GetString()!;
        byte[] data = [];
        if (record.TryGetProperty("data", out var dataText))
        {
            if (dataText.ValueKind != JsonValueKind.String || dataText.GetString()!.Length > StorageLimits.MaxMessageBase64Chars + 4
                || !dataText.TryGetBytesFromBase64(out var bytes) || bytes.Length > StorageLimits.MaxMessageBytes)
                return Fail($"data must be base64 of at most {StorageLimits.MaxMessageBytes} bytes", out problem);
            if (MessageHash.Compute(owner, (int)ns, bytes) != hash)
                return Fail("data does not hash to the message's hash", out problem);
            data = bytes;
        }
        else if (requireData)
        {
            return Fail("data is missing", out problem);
        }
        message = new PagedMessage(id, new StoredMessage(owner.Hex, (int)ns, hash, data, timestamp, expiry));
        return true;
    }

    private static bool Long(JsonElement record, string name, out long value)
    {
        value = 0;
        return record.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }

    private static bool Fail(string why, out string? problem)
    {
        problem = why;
        return false;
    }
}
