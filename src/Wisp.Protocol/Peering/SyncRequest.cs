using System.Text.Json;

namespace Wisp.Protocol.Peering;

/// <summary>
/// <c>POST /swarm/v1/sync {"after_id", "max_count"?}</c>: list the messages the answering node holds for the caller's
/// swarm whose insertion id is after <c>after_id</c> (a cursor the caller keeps per peer and store id), at most
/// <c>max_count</c> of them (default and cap <see cref="PeeringLimits.MaxSyncRecords"/>; a smaller positive value is
/// honoured, others are raised or lowered into 1..cap). Answered by <see cref="SyncAnswer"/>.
/// </summary>
public sealed record SyncRequest(long AfterId, int MaxCount = PeeringLimits.MaxSyncRecords)
{
    /// <summary>The route.</summary>
    public const string Route = "/swarm/v1/sync";

    /// <summary>The request body.</summary>
    public byte[] ToJson() => PeeringJson.Object(json =>
    {
        json.WriteNumber("after_id", AfterId);
        json.WriteNumber("max_count", MaxCount);
    });

    /// <summary>Reads a request body.</summary>
    public static PeeringResult<SyncRequest> Read(ReadOnlyMemory<byte> body) => PeeringJson.Read(body, Read);

    private static PeeringResult<SyncRequest> Read(JsonElement root)
    {
        if (!PeeringJson.Long(root, "after_id", out var afterId) || afterId < 0)
            return PeeringResult<SyncRequest>.Fail("after_id must be a non-negative integer");
        var maxCount = PeeringLimits.MaxSyncRecords;
        if (root.TryGetProperty("max_count", out var count))
        {
            if (count.ValueKind != JsonValueKind.Number || !count.TryGetInt64(out var asked))
                return PeeringResult<SyncRequest>.Fail("max_count must be an integer");
            maxCount = (int)Math.Clamp(asked, 1, PeeringLimits.MaxSyncRecords);
        }
        return new SyncRequest(afterId, maxCount);
    }
}

/// <summary>
/// The answer to <see cref="SyncRequest"/>: <c>{"store_id", "messages", "next", "more"}</c> — the answering node's
/// store id (insertion ids are cursors only within one store; a new id means start over from 0), the listed
/// <see cref="PeerMessage"/>s without data, the cursor to ask from next, and whether more follow.
/// </summary>
public sealed record SyncAnswer(string StoreId, IReadOnlyList<PeerMessage> Messages, long Next, bool More)
{
    /// <summary>The answer body.</summary>
    public byte[] ToJson() => PeeringJson.Object(json =>
    {
        json.WriteString("store_id", StoreId);
        PeerMessage.WriteArray(json, Messages);
        json.WriteNumber("next", Next);
        json.WriteBoolean("more", More);
    });

    /// <summary>Reads an answer body: at most <see cref="PeeringLimits.MaxSyncRecords"/> records, none with data required.</summary>
    public static PeeringResult<SyncAnswer> Read(ReadOnlyMemory<byte> body) => PeeringJson.Read(body, Read);

    private static PeeringResult<SyncAnswer> Read(JsonElement root)
    {
        if (!PeeringJson.String(root, "store_id", out var storeId) || storeId.Length is 0 or > PeeringLimits.MaxStoreIdChars)
            return PeeringResult<SyncAnswer>.Fail($"store_id must be a string of 1 to {PeeringLimits.MaxStoreIdChars} characters");
        if (!PeerMessage.TryReadArray(root, PeeringLimits.MaxSyncRecords, requireData: false, out var messages, out var problem))
            return PeeringResult<SyncAnswer>.Fail(problem!);
        if (!PeeringJson.Long(root, "next", out var next) || next < 0)
            return PeeringResult<SyncAnswer>.Fail("next must be a non-negative integer");
        if (!PeeringJson.Boolean(root, "more", out var more))
            return PeeringResult<SyncAnswer>.Fail("more must be true or false");
        return new SyncAnswer(storeId, messages, next, more);
    }
}
