using Microsoft.AspNetCore.Http;
using Wisp.Node.Storage;
using Wisp.Protocol.Peering;

namespace Wisp.Node.Swarm;

/// <summary>
/// The node-to-node transfer methods behind <see cref="SwarmEndpoints"/> (callers already authenticated; forwarded
/// client requests are <see cref="ForwardBatchHandler"/>'s). Each reads and answers with its record in
/// <c>Wisp.Protocol.Peering</c>:
/// <list type="bullet">
/// <item><see cref="SyncRequest"/>: this node's messages whose owners belong to the caller's swarm, after an insertion
/// id, listed without data. The caller asks for the data of the ones it lacks with fetch, so a caller that is up to
/// date costs a listing, not a copy.</item>
/// <item><see cref="FetchRequest"/>: those messages with data, bounded in count and bytes.</item>
/// <item><see cref="PushRequest"/>: messages (with data) whose owners belong to this node's swarm, stored with their
/// own namespace, timestamp and expiry if they pass <see cref="IncomingMessageCheck"/>.</item>
/// </list>
/// </summary>
public sealed class SwarmTransferHandlers(SqliteMessageStore store, SwarmMembership membership, IncomingMessageCheck incoming, TimeProvider time)
{
    /// <summary>Lists messages for the caller's swarm after its cursor.</summary>
    public async Task<PeerAnswer> SyncAsync(SwarmEndpoints.PeerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var read = SyncRequest.Read(request.Body);
        if (!read.Ok)
            return PeerAnswer.Error(StatusCodes.Status400BadRequest, $"sync: {read.Problem}");
        if (request.Registry.Swarms.SwarmOf(request.From) is not { } swarm)
            return PeerAnswer.Error(StatusCodes.Status403Forbidden, "sync: the calling node is in no swarm");
        var page = await store.ReadPageAsync(
            read.Value!.AfterId, read.Value.MaxCount, long.MaxValue,
            SwarmMembership.OwnersOf(request.Registry, swarm.Id), NowMs(), includeData: false, cancellationToken);
        var listed = page.Messages.Select(m => m.ToPeer(includeData: false)).ToList();
        return PeerAnswer.Json(new SyncAnswer(store.StoreId, listed, page.NextAfterId, page.More).ToJson());
    }

    /// <summary>Returns the named messages with data, up to <see cref="ReplicationLimits.MaxTransferDataBytes"/> (at least one).</summary>
    public async Task<PeerAnswer> FetchAsync(SwarmEndpoints.PeerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var read = FetchRequest.Read(request.Body);
        if (!read.Ok)
            return PeerAnswer.Error(StatusCodes.Status400BadRequest, $"fetch: {read.Problem}");
        if (request.Registry.Swarms.SwarmOf(request.From) is not { } swarm)
            return PeerAnswer.Error(StatusCodes.Status403Forbidden, "fetch: the calling node is in no swarm");
        var belongs = SwarmMembership.OwnersOf(request.Registry, swarm.Id);
        var found = await store.ReadByIdsAsync(read.Value!.Ids, NowMs(), cancellationToken);
        var taken = new List<PeerMessage>(found.Count);
        long bytes = 0;
        var more = false;
        foreach (var message in found.Where(m => belongs(m.Message.Owner)))
        {
            if (taken.Count > 0 && bytes + message.Message.Data.Length > ReplicationLimits.MaxTransferDataBytes)
            {
                more = true;
                break;
            }
            taken.Add(message.ToPeer(includeData: true));
            bytes += message.Message.Data.Length;
        }
        return PeerAnswer.Json(new FetchAnswer(taken, more).ToJson());
    }

    /// <summary>Stores pushed messages that belong to this node's swarm.</summary>
    public async Task<PeerAnswer> PushAsync(SwarmEndpoints.PeerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var read = PushRequest.Read(request.Body);
        if (!read.Ok)
            return PeerAnswer.Error(StatusCodes.Status400BadRequest, $"push: {read.Problem}");
        if (request.Registry.Swarms.SwarmOf(membership.Self) is not { } mine)
            return PeerAnswer.Error(StatusCodes.Status421MisdirectedRequest, "push: this node is in no swarm");
        var messages = read.Value!.Messages;
        var belongs = SwarmMembership.OwnersOf(request.Registry, mine.Id);
        var now = NowMs();
        // Only what a client could have stored here: the namespace's TTL limit, the owner's signature where stores are signed.
        var (accepted, _) = await incoming.FilterAsync(messages.Where(m => belongs(m.Owner) && m.ExpiryMs > now), cancellationToken);
        var result = await store.StoreManyAsync(accepted, cancellationToken);
        var misdirected = messages.Count(m => !belongs(m.Owner));
        return PeerAnswer.Json(new PushAnswer(result.Stored, result.AlreadyStored, result.Full, misdirected).ToJson());
    }

    private long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
