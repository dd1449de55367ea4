using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wisp.Network.Registry;
using Wisp.Node.Onion;
using Wisp.Node.Storage;

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
    SwarmMembership membership, PeerClient client, IMessageStore store, SwarmStateStore state,
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
            var page = await CallAsync(peer, SwarmTransferHandlers.SyncRoute,
                $"{{\"after_id\":{afterId},\"max_count\":{ReplicationLimits.MaxSyncRecords}}}", cancellationToken).ConfigureAwait(false);
            if (page is null)
                return stored;
            using (page)
            {
                var root = page.RootElement;
                var storeId = root.GetProperty("store_id").GetString() ?? "";
                if (knownStore is not null && storeId != knownStore && afterId != 0)
                {
                    // The peer's database is another one now: its ids start over, and so does this cursor.
                    (knownStore, afterId) = (storeId, 0);
                    continue;
                }
                if (!MessageRecords.TryRead(root.GetProperty("messages"), ReplicationLimits.MaxSyncRecords, requireData: false, out var listed, out var problem))
                    throw new InvalidDataException($"sync answer: {problem}");
                stored += await FetchMissingAsync(peer, listed, cancellationToken).ConfigureAwait(false);
                afterId = root.GetProperty("next").GetInt64();
                knownStore = storeId;
                state.SaveCursor(peerHex, storeId, afterId);
                if (!root.GetProperty("more").GetBoolean())
                    return stored;
            }
        }
    }

    private async Task<int> FetchMissingAsync(NodeRecord peer, List<PagedMessage> listed, CancellationToken cancellationToken)
    {
        if (listed.Count == 0)
            return 0;
        var held = await store.ContainsAsync(
            listed.Select(m => new MessageKey(m.Message.Owner, m.Message.Namespace, m.Message.Hash)).ToList(), cancellationToken).ConfigureAwait(false);
        var missing = new Queue<long>(listed.Where((_, i) => !held[i]).Select(m => m.Id));
        var stored = 0;
        var mine = membership.MySwarmId;
        while (missing.Count > 0)
        {
            var ids = new List<long>();
            while (ids.Count < ReplicationLimits.MaxTransferRecords && missing.TryDequeue(out var id)) ids.Add(id);
            using var answer = await CallAsync(peer, SwarmTransferHandlers.FetchRoute, $"{{\"ids\":[{string.Join(',', ids)}]}}", cancellationToken)
                .ConfigureAwait(false) ?? throw new InvalidDataException("fetch failed");
            if (!MessageRecords.TryRead(answer.RootElement.GetProperty("messages"), ReplicationLimits.MaxTransferRecords, requireData: true, out var fetched, out var problem))
                throw new InvalidDataException($"fetch answer: {problem}");
            var snapshot = membership.Current;
            var result = await store.StoreManyAsync(
                fetched.Where(m => mine is not null && SwarmMembership.SwarmIdOf(snapshot, m.Message.Owner) == mine).Select(m => m.Message).ToList(),
                cancellationToken).ConfigureAwait(false);
            stored += result.Stored;
            // Ids the answer did not reach (its byte bound) go round again; ids the peer no longer holds are dropped.
            if (answer.RootElement.GetProperty("more").GetBoolean() && fetched.Count > 0)
            {
                var last = fetched[^1].Id;
                foreach (var id in ids.Where(id => id > last))
                    missing.Enqueue(id);
            }
        }
        return stored;
    }

    private async Task<JsonDocument?> CallAsync(NodeRecord peer, string route, string body, CancellationToken cancellationToken)
    {
        var answer = await client.PostAsync(peer, route, Encoding.UTF8.GetBytes(body), ReplicationLimits.TransferTimeout, cancellationToken)
            .ConfigureAwait(false);
        if (answer.Failure != UpstreamFailure.None || answer.Status != 200)
        {
            LogPullFailed(logger, peer.Ed25519Key.ToHex(), answer.Failure != UpstreamFailure.None ? answer.Failure.ToString() : $"status {answer.Status}");
            return null;
        }
        return JsonDocument.Parse(answer.Body);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catch-up stored {Count} messages from swarm peers")]
    private static partial void LogCaughtUp(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Catch-up from {Peer} stopped: {Reason}")]
    private static partial void LogPullFailed(ILogger logger, string peer, string reason);
}
