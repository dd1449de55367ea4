using Microsoft.Extensions.Logging;
using Wisp.Network.Registry;
using Wisp.Node.NodeLinks;
using Wisp.Node.Rpc;
using Wisp.Protocol.Rpc;

namespace Wisp.Node.Swarm;

/// <summary>
/// Forwards a client's recursive request to every swarm peer at once and turns each answer into the peer's entry of
/// the <c>"swarm"</c> map (see <see cref="ForwardResults"/> for the shapes). Requests to one peer travel together:
/// each peer has a <see cref="PeerForwardQueue"/> that sends whatever is waiting as one signed
/// <c>POST /swarm/v1/forward-batch</c>, so a loaded node pays one HTTPS request, one node signature and one check of it
/// per batch rather than per request. A peer that missed a request catches up later (see <see cref="CatchUpService"/>).
/// </summary>
public sealed class SwarmReplicator(SwarmMembership membership, PeerClient client, TimeProvider time, ILogger<SwarmReplicator> logger)
    : ISwarmReplicator, IAsyncDisposable
{
    /// <summary>
    /// The route peers take forwarded requests on: a JSON array of client requests <c>{"method", "params"}</c>
    /// (at most <see cref="ReplicationLimits.MaxForwardBatchRequests"/>), answered with an array, in the same order, of
    /// <c>{"code": status, "body": {…}}</c> — each the answer the request would get on its own.
    /// </summary>
    public const string ForwardBatchRoute = "/swarm/v1/forward-batch";

    private readonly Dictionary<string, PeerForwardQueue> _queues = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <inheritdoc />
    public async Task<IReadOnlyList<PeerResult>> ForwardAsync(byte[] request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var peers = membership.Peers();
        if (peers.Count == 0)
            return [];
        var targets = QueuesFor(peers.Take(ReplicationLimits.MaxParallelPeers).ToList());
        using var timeout = new CancellationTokenSource(ReplicationLimits.ForwardTimeout, time);
        using var until = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var answers = await Task.WhenAll(targets.Select(target => ForwardOneAsync(target.Peer, target.Queue, request, until.Token)))
            .ConfigureAwait(false);
        // The client went away: its answer has nowhere to go.
        cancellationToken.ThrowIfCancellationRequested();
        return answers;
    }

    /// <summary>Stops every peer's send loop; requests still waiting are answered as failed.</summary>
    public async ValueTask DisposeAsync()
    {
        PeerForwardQueue[] queues;
        lock (_queues)
        {
            _disposed = true;
            queues = [.. _queues.Values];
            _queues.Clear();
        }
        foreach (var queue in queues)
            await queue.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<PeerResult> ForwardOneAsync(
        NodeRecord peer, PeerForwardQueue? queue, byte[] request, CancellationToken until)
    {
        var peerHex = peer.Ed25519Key.ToHex();
        var result = queue is null
            ? ForwardResults.ShuttingDown(peerHex)
            : await queue.ForwardAsync(peer, request, until).ConfigureAwait(false);
        if (result.Failure is { } failure)
            SwarmLog.ForwardFailed(logger, peerHex, System.Text.Encoding.UTF8.GetString(RpcJson.Serialize(failure)));
        return result;
    }

    /// <summary>
    /// Each peer's queue, made on first use; queues of nodes that are no longer peers are retired (they send what they
    /// hold and end), so the set follows swarm changes and stays bounded by the swarm's size.
    /// </summary>
    private List<(NodeRecord Peer, PeerForwardQueue? Queue)> QueuesFor(List<NodeRecord> peers)
    {
        var targets = new List<(NodeRecord, PeerForwardQueue?)>(peers.Count);
        lock (_queues)
        {
            foreach (var peer in peers)
            {
                if (_disposed)
                {
                    targets.Add((peer, null));
                    continue;
                }
                var hex = peer.Ed25519Key.ToHex();
                if (!_queues.TryGetValue(hex, out var queue))
                    _queues[hex] = queue = new PeerForwardQueue(peer, client, logger);
                targets.Add((peer, queue));
            }
            if (_queues.Count > peers.Count)
            {
                var current = peers.Select(p => p.Ed25519Key.ToHex()).ToHashSet(StringComparer.Ordinal);
                foreach (var gone in _queues.Keys.Where(key => !current.Contains(key)).ToList())
                {
                    _queues[gone].Retire();
                    _queues.Remove(gone);
                }
            }
        }
        return targets;
    }
}
