using System.Runtime.InteropServices;
using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Peering;

/// <summary>
/// One stored message as nodes exchange it in sync, fetch and push:
/// <c>{"id", "owner", "namespace", "hash", "timestamp", "expiry", "data"?}</c> — <c>id</c> the sender's insertion id
/// (a cursor within its store), <c>owner</c> 66 hex, <c>hash</c> 43 unpadded base64, times Unix ms, <c>data</c> base64
/// (absent in a sync listing), <c>owner_sig</c> the owner's <see cref="OwnerStoreSignature"/> (with data, for a
/// namespace whose stores are signed; a Wisp extension). Unlike Session's bulk format, the namespace travels with every message.
/// Reading checks every field, the data's encoded length before decoding it, and that data hashes to <c>hash</c>
/// (<see cref="MessageHash.Compute"/>): a peer cannot plant a message under another message's name.
/// </summary>
/// <param name="Id">The sender's insertion id.</param>
/// <param name="Owner">The account or group key, 66 hex characters.</param>
/// <param name="Namespace">The namespace it is stored in.</param>
/// <param name="Hash">Its name: 43 unpadded base64 characters.</param>
/// <param name="TimestampMs">When it was stored, Unix ms.</param>
/// <param name="ExpiryMs">When it expires, Unix ms.</param>
/// <param name="Data">The message bytes; null in a listing (written without <c>data</c>).</param>
/// <param name="OwnerSignature">The owner's store signature, when the sender holds one (written as <c>owner_sig</c>).</param>
public sealed record PeerMessage(
    long Id, string Owner, int Namespace, string Hash, long TimestampMs, long ExpiryMs, byte[]? Data, OwnerStoreSignature? OwnerSignature = null)
{
    /// <summary>Writes the record as one JSON object.</summary>
    public void Write(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteNumber("id", Id);
        json.WriteString("owner", Owner);
        json.WriteNumber("namespace", Namespace);
        json.WriteString("hash", Hash);
        json.WriteNumber("timestamp", TimestampMs);
        json.WriteNumber("expiry", ExpiryMs);
        if (Data is not null)
            json.WriteBase64String("data", Data);
        if (OwnerSignature is not null)
        {
            json.WritePropertyName("owner_sig");
            OwnerSignature.Write(json);
        }
        json.WriteEndObject();
    }

    /// <summary>Writes <paramref name="messages"/> as the array member <c>messages</c>.</summary>
    public static void WriteArray(Utf8JsonWriter json, IEnumerable<PeerMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(messages);
        json.WriteStartArray("messages");
        foreach (var message in messages)
            message.Write(json);
        json.WriteEndArray();
    }

    /// <summary>
    /// Reads the member <c>messages</c> of <paramref name="parent"/>: an array of at most <paramref name="maxRecords"/>
    /// records, each well formed and, when <paramref name="requireData"/>, carrying data that hashes to its hash.
    /// </summary>
    public static bool TryReadArray(
        JsonElement parent, int maxRecords, bool requireData, out List<PeerMessage> messages, out string? problem)
    {
        messages = [];
        if (!parent.TryGetProperty("messages", out var records) || records.ValueKind != JsonValueKind.Array)
            return Fail("messages must be an array", out problem);
        var count = records.GetArrayLength();
        if (count > maxRecords)
            return Fail($"at most {maxRecords} messages a request; got {count}", out problem);
        messages = new List<PeerMessage>(count);
        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            if (!TryRead(record, requireData, out var message, out var why))
                return Fail($"messages[{index}]: {why}", out problem);
            messages.Add(message);
            index++;
        }
        problem = null;
        return true;
    }

    /// <summary>Reads one record; see the type's summary for what is checked.</summary>
    public static bool TryRead(JsonElement record, bool requireData, out PeerMessage message, out string? problem)
    {
        message = null!;
        if (record.ValueKind != JsonValueKind.Object)
            return Fail("must be an object", out problem);
        if (!PeeringJson.Long(record, "id", out var id) || id < 0)
            return Fail("id must be a non-negative integer", out problem);
        if (!PeeringJson.String(record, "owner", out var ownerText) || !StoragePubkey.TryParse(ownerText, out var owner, out _))
            return Fail("owner must be a 33-byte key as 66 hex characters", out problem);
        if (!PeeringJson.Long(record, "namespace", out var ns) || !Namespaces.IsInRange(ns))
            return Fail("namespace must be an integer in the namespace range", out problem);
        if (!PeeringJson.String(record, "hash", out var hash) || !MessageHash.IsWellFormed(hash))
            return Fail($"hash must be {MessageHash.Length} base64 characters", out problem);
        if (!PeeringJson.Long(record, "timestamp", out var timestamp) || !PeeringJson.Long(record, "expiry", out var expiry)
            || expiry < timestamp)
            return Fail("timestamp and expiry must be Unix ms with expiry ≥ timestamp", out problem);
        byte[]? data = null;
        if (record.TryGetProperty("data", out var dataText))
        {
            // The encoded length (with its quotes, and room for padding) is checked before anything is decoded or allocated.
            if (dataText.ValueKind != JsonValueKind.String
                || JsonMarshal.GetRawUtf8Value(dataText).Length > StorageLimits.MaxMessageBase64Chars + 6
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
        OwnerStoreSignature? ownerSignature = null;
        if (record.TryGetProperty("owner_sig", out var ownerSig))
        {
            if (!OwnerStoreSignature.TryRead(ownerSig, out var read, out var why))
                return Fail(why!, out problem);
            ownerSignature = read;
        }
        message = new PeerMessage(id, owner.Hex, (int)ns, hash, timestamp, expiry, data, ownerSignature);
        problem = null;
        return true;
    }

    private static bool Fail(string why, out string? problem)
    {
        problem = why;
        return false;
    }
}
