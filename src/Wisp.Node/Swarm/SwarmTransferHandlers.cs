using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Wisp.Node.Storage;

namespace Wisp.Node.Swarm;

/// <summary>
/// The node-to-node transfer methods behind <see cref="SwarmEndpoints"/> (callers already authenticated; forwarded
/// client requests are <see cref="ForwardBatchHandler"/>'s):
/// <list type="bullet">
/// <item><c>sync {after_id, max_count}</c>: this node's messages whose owners belong to the caller's swarm, after an
/// insertion id, listed without data: <c>{"store_id", "messages", "next", "more"}</c>. The caller asks for the data of
/// the ones it lacks with fetch, so a caller that is up to date costs a listing, not a copy.</item>
/// <item><c>fetch {ids}</c>: those messages with data, bounded in count and bytes: <c>{"messages", "more"}</c>.</item>
/// <item><c>push {messages}</c>: messages (with data) whose owners belong to this node's swarm, stored with their own
/// namespace, timestamp and expiry: <c>{"stored", "already", "full", "misdirected"}</c>.</item>
/// </list>
/// </summary>
public sealed class SwarmTransferHandlers(SqliteMessageStore store, SwarmMembership membership, TimeProvider time)
{
    /// <summary>Route of sync.</summary>
    public const string SyncRoute = "/swarm/v1/sync";

    /// <summary>Route of fetch.</summary>
    public const string FetchRoute = "/swarm/v1/fetch";

    /// <summary>Route of push.</summary>
    public const string PushRoute = "/swarm/v1/push";

    /// <summary>Lists messages for the caller's swarm after its cursor.</summary>
    public async Task<PeerAnswer> SyncAsync(SwarmEndpoints.PeerRequest request, CancellationToken cancellationToken)
    {
        if (!TryParse(request.Body, out var parameters, out var error))
            return error!;
        using (parameters)
        {
            var root = parameters!.RootElement;
            if (!root.TryGetProperty("after_id", out var after) || !after.TryGetInt64(out var afterId) || afterId < 0)
                return PeerAnswer.Error(StatusCodes.Status400BadRequest, "sync: after_id must be a non-negative integer");
            var maxCount = root.TryGetProperty("max_count", out var count) && count.TryGetInt32(out var c) ? c : ReplicationLimits.MaxSyncRecords;
            if (request.Registry.Swarms.SwarmOf(request.From) is not { } swarm)
                return PeerAnswer.Error(StatusCodes.Status403Forbidden, "sync: the calling node is in no swarm");
            var page = await store.ReadPageAsync(
                afterId, Math.Clamp(maxCount, 1, ReplicationLimits.MaxSyncRecords), long.MaxValue,
                SwarmMembership.OwnersOf(request.Registry, swarm.Id), NowMs(), includeData: false, cancellationToken);
            return Json(json =>
            {
                json.WriteString("store_id", store.StoreId);
                WriteRecords(json, page.Messages, includeData: false);
                json.WriteNumber("next", page.NextAfterId);
                json.WriteBoolean("more", page.More);
            });
        }
    }

    /// <summary>Returns the named messages with data.</summary>
    public async Task<PeerAnswer> FetchAsync(SwarmEndpoints.PeerRequest request, CancellationToken cancellationToken)
    {
        if (!TryParse(request.Body, out var parameters, out var error))
            return error!;
        using (parameters)
        {
            var root = parameters!.RootElement;
            if (!root.TryGetProperty("ids", out var idsElement) || idsElement.ValueKind != JsonValueKind.Array
                || idsElement.GetArrayLength() > ReplicationLimits.MaxTransferRecords)
                return PeerAnswer.Error(StatusCodes.Status400BadRequest, $"fetch: ids must be an array of at most {ReplicationLimits.MaxTransferRecords} insertion ids");
            var ids = new List<long>(idsElement.GetArrayLength());
            foreach (var id in idsElement.EnumerateArray())
            {
                if (!id.TryGetInt64(out var value))
                    return PeerAnswer.Error(StatusCodes.Status400BadRequest, "fetch: every id must be an integer");
                ids.Add(value);
            }
            if (request.Registry.Swarms.SwarmOf(request.From) is not { } swarm)
                return PeerAnswer.Error(StatusCodes.Status403Forbidden, "fetch: the calling node is in no swarm");
            var belongs = SwarmMembership.OwnersOf(request.Registry, swarm.Id);
            var found = await store.ReadByIdsAsync(ids, NowMs(), cancellationToken);
            var taken = new List<PagedMessage>(found.Count);
            long bytes = 0;
            var more = false;
            foreach (var message in found.Where(m => belongs(m.Message.Owner)))
            {
                if (taken.Count > 0 && bytes + message.Message.Data.Length > ReplicationLimits.MaxTransferDataBytes)
                {
                    more = true;
                    break;
                }
                taken.Add(message);
                bytes += message.Message.Data.Length;
            }
            return Json(json =>
            {
                WriteRecords(json, taken, includeData: true);
                json.WriteBoolean("more", more);
            });
        }
    }

    /// <summary>Stores pushed messages that belong to this node's swarm.</summary>
    public async Task<PeerAnswer> PushAsync(SwarmEndpoints.PeerRequest request, CancellationToken cancellationToken)
    {
        if (!TryParse(request.Body, out var parameters, out var error))
            return error!;
        using (parameters)
        {
            if (!parameters!.RootElement.TryGetProperty("messages", out var records))
                return PeerAnswer.Error(StatusCodes.Status400BadRequest, "push: messages is missing");
            if (!MessageRecords.TryRead(records, ReplicationLimits.MaxTransferRecords, requireData: true, out var messages, out var problem))
                return PeerAnswer.Error(StatusCodes.Status400BadRequest, $"push: {problem}");
            if (request.Registry.Swarms.SwarmOf(membership.Self) is not { } mine)
                return PeerAnswer.Error(StatusCodes.Status421MisdirectedRequest, "push: this node is in no swarm");
            var belongs = SwarmMembership.OwnersOf(request.Registry, mine.Id);
            var accepted = messages.Where(m => belongs(m.Message.Owner) && m.Message.ExpiryMs > NowMs()).Select(m => m.Message).ToList();
            var result = await store.StoreManyAsync(accepted, cancellationToken);
            var misdirected = messages.Count(m => !belongs(m.Message.Owner));
            return Json(json =>
            {
                json.WriteNumber("stored", result.Stored);
                json.WriteNumber("already", result.AlreadyStored);
                json.WriteNumber("full", result.Full);
                json.WriteNumber("misdirected", misdirected);
            });
        }
    }

    private long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static void WriteRecords(Utf8JsonWriter json, IEnumerable<PagedMessage> messages, bool includeData)
    {
        json.WriteStartArray("messages");
        foreach (var message in messages)
            MessageRecords.Write(json, message, includeData);
        json.WriteEndArray();
    }

    private static PeerAnswer Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }
        return new PeerAnswer(StatusCodes.Status200OK, buffer.WrittenSpan.ToArray());
    }

    private static bool TryParse(ReadOnlyMemory<byte> body, out JsonDocument? document, out PeerAnswer? error)
    {
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                error = null;
                return true;
            }
            document.Dispose();
        }
        catch (JsonException)
        {
        }
        document = null;
        error = PeerAnswer.Error(StatusCodes.Status400BadRequest, "the body must be a JSON object");
        return false;
    }
}
