using System.Text.Json;

namespace Wisp.Protocol.Peering;

/// <summary>
/// <c>POST /swarm/v1/fetch {"ids": [insertion id, …]}</c>: the data of messages a sync listed that the caller lacks, at
/// most <see cref="PeeringLimits.MaxTransferRecords"/> ids. Answered by <see cref="FetchAnswer"/>.
/// </summary>
public sealed record FetchRequest(IReadOnlyList<long> Ids)
{
    /// <summary>The route.</summary>
    public const string Route = "/swarm/v1/fetch";

    /// <summary>The request body.</summary>
    public byte[] ToJson() => PeeringJson.Object(json =>
    {
        json.WriteStartArray("ids");
        foreach (var id in Ids)
            json.WriteNumberValue(id);
        json.WriteEndArray();
    });

    /// <summary>Reads a request body; the count is checked before the list is allocated.</summary>
    public static PeeringResult<FetchRequest> Read(ReadOnlyMemory<byte> body) => PeeringJson.Read(body, Read);

    private static PeeringResult<FetchRequest> Read(JsonElement root)
    {
        if (!root.TryGetProperty("ids", out var ids) || ids.ValueKind != JsonValueKind.Array
            || ids.GetArrayLength() > PeeringLimits.MaxTransferRecords)
            return PeeringResult<FetchRequest>.Fail($"ids must be an array of at most {PeeringLimits.MaxTransferRecords} insertion ids");
        var list = new List<long>(ids.GetArrayLength());
        foreach (var id in ids.EnumerateArray())
        {
            if (id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out var value) || value < 0)
                return PeeringResult<FetchRequest>.Fail("every id must be a non-negative integer");
            list.Add(value);
        }
        return new FetchRequest(list);
    }
}

/// <summary>
/// The answer to <see cref="FetchRequest"/>: <c>{"messages", "more"}</c> — the named messages the node still holds for
/// the caller's swarm, with data, in id order, and <c>more</c> when its byte bound cut the page short (the caller asks
/// again for the ids after the last one).
/// </summary>
public sealed record FetchAnswer(IReadOnlyList<PeerMessage> Messages, bool More)
{
    /// <summary>The answer body.</summary>
    public byte[] ToJson() => PeeringJson.Object(json =>
    {
        PeerMessage.WriteArray(json, Messages);
        json.WriteBoolean("more", More);
    });

    /// <summary>Reads an answer body: at most <see cref="PeeringLimits.MaxTransferRecords"/> records, each with data that hashes to its hash.</summary>
    public static PeeringResult<FetchAnswer> Read(ReadOnlyMemory<byte> body) => PeeringJson.Read(body, Read);

    private static PeeringResult<FetchAnswer> Read(JsonElement root)
    {
        if (!PeerMessage.TryReadArray(root, PeeringLimits.MaxTransferRecords, requireData: true, out var messages, out var problem))
            return PeeringResult<FetchAnswer>.Fail(problem!);
        if (!PeeringJson.Boolean(root, "more", out var more))
            return PeeringResult<FetchAnswer>.Fail("more must be true or false");
        return new FetchAnswer(messages, more);
    }
}
