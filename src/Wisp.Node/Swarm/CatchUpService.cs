using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wisp.Network.Registry;
using Wisp.Node.NodeLinks;
using Wisp.Node.Storage;
using Wisp.Protocol.Peering;

namespace Wisp.Node.Swarm;

/// <summary>
/// Anti-entropy: at start, after every registry change and every interval, pulls from each swarm peer what it holds
/// for this swarm and this node lacks. Per peer it keeps a cursor (the peer's store id and insertion id) in
/// <see cref="SwarmStateStore"/>; it lists the peer's messages after the cursor without data (<c>sync</c>), asks for the
/// data of the missing ones only (<c>fetch</c>), checks each hash, stores them with their own namespace, timestamp and
/// expiry, and only then moves the cursor. A restarted node thus gets what was stored while it was down, and a node
/// that joins a swarm (no cursor yet) gets the swarm's messages — resumable, one bounded page at a time.
/// </summary>
public sealed partial class CatchUpService(
    SwarmMembership membership, PeerClient client, IMessageStore store, SwarmStateStore state, IncomingMessageCheck incoming,
    TimeSpan interval, ILogger<CatchUpService> logger) : BackgroundService
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Runs one round now: pulls from every swarm peer until each is exhausted or fails. Returns the messages stored.</summary>
    public async Task<int> CatchUpOnceAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var peer in membership.Peers())
        {
            try
            {
                total += await PullAsync(peer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogPullFailed(logger, peer.Ed25519Key.ToHex(), exception.Message);
            }
        }
        if (total > 0) LogCaughtUp(logger, total);
        return total;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        membership.Registry.Changed += OnRegistryChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await CatchUpOnceAsync(stoppingToken).ConfigureAwait(false);
                using var timer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timer.CancelAfter(interval);
                try
                {
                    await _wake.Reader.ReadAsync(timer.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The interval passed.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            membership.Registry.Changed -= OnRegistryChanged;
        }
    }

    private void OnRegistryChanged(object? sender, RegistryChangedEventArgs e) => _wake.Writer.TryWrite(true);

    private async Task<int> PullAsync(NodeRecord peer, CancellationToken cancellationToken)
    {
        var peerHex = peer.Ed25519Key.ToHex();
        var (knownStore, afterId) = state.CursorFor(peerHex);
        var stored = 0;
        while (true)
        {
            var page = await CallAsync(peer, SyncRequest.Route, new SyncRequest(afterId).ToJson(), SyncAnswer.Read, cancellationToken)
                .ConfigureAwait(false);
            if (page is null)
                return stored;
            if (knownStore is not null && page.StoreId != knownStore && afterId != 0)
            {
                // The peer's database is another one now: its ids start over, and so does this cursor.
                (knownStore, afterId) = (page.StoreId, 0);
                continue;
            }
            stored += await FetchMissingAsync(peer, page.Messages, cancellationToken).ConfigureAwait(false);
            afterId = page.Next;
            knownStore = page.StoreId;
            state.SaveCursor(peerHex, page.StoreId, afterId);
            if (!page.More)
                return stored;
        }
    }

    private async Task<int> FetchMissingAsync(NodeRecord peer, IReadOnlyList<PeerMessage> listed, CancellationToken cancellationToken)
    {
        if (listed.Count == 0)
            return 0;
        var held = await store.ContainsAsync(listed.Select(m => m.ToKey()).ToList(), cancellationToken).ConfigureAwait(false);
        var missing = new Queue<long>(listed.Where((_, i) => !held[i]).Select(m => m.Id));
        var stored = 0;
        var mine = membership.MySwarmId;
        while (missing.Count > 0)
        {
            var ids = new List<long>();
            while (ids.Count < PeeringLimits.MaxTransferRecords && missing.TryDequeue(out var id)) ids.Add(id);
            var answer = await CallAsync(peer, FetchRequest.Route, new FetchRequest(ids).ToJson(), FetchAnswer.Read, cancellationToken)
                .ConfigureAwait(false) ?? throw new InvalidDataException("fetch failed");
            var snapshot = membership.Current;
            // Only this swarm's messages, and only what a client could have stored here (TTL limit, owner's signature).
            var (acceptable, _) = await incoming.FilterAsync(
                answer.Messages.Where(m => mine is not null && SwarmMembership.SwarmIdOf(snapshot, m.Owner) == mine), cancellationToken).ConfigureAwait(false);
            var result = await store.StoreManyAsync(acceptable, cancellationToken).ConfigureAwait(false);
            stored += result.Stored;
            // Ids the answer did not reach (its byte bound) go round again; ids the peer no longer holds are dropped.
            if (answer.More && answer.Messages.Count > 0)
            {
                var last = answer.Messages[^1].Id;
                foreach (var id in ids.Where(id => id > last))
                    missing.Enqueue(id);
            }
        }
        return stored;
    }

    private async Task<T?> CallAsync<T>(
        NodeRecord peer, string route, byte[] body, Func<ReadOnlyMemory<byte>, PeeringResult<T>> read, CancellationToken cancellationToken)
        where T : class
    {
        var answer = await client.CallAsync(peer, route, body, read, ReplicationLimits.TransferTimeout, cancellationToken).ConfigureAwait(false);
        if (!answer.Ok)
            LogPullFailed(logger, peer.Ed25519Key.ToHex(), answer.Problem!);
        return answer.Value;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catch-up stored {Count} messages from swarm peers")]
    private static partial void LogCaughtUp(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Catch-up from {Peer} stopped: {Reason}")]
    private static partial void LogPullFailed(ILogger logger, string peer, string reason);
}
