using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Wisp.Network.Registry;
using Wisp.Node.NodeLinks;
using Wisp.Node.Rpc;
using Wisp.Protocol.Peering;

namespace Wisp.Node.Swarm;

/// <summary>
/// The client requests waiting to go to one swarm peer, and the loop that sends them: each round it takes everything
/// waiting (up to <see cref="ReplicationLimits.MaxForwardBatchRequests"/> requests and
/// <see cref="ReplicationLimits.MaxForwardBatchBytes"/>), sends it as one signed <c>POST /swarm/v1/forward-batch</c>
/// and completes every request with its own entry of the answer. At most
/// <see cref="ReplicationLimits.MaxForwardBatchesInFlightPerPeer"/> batches are in flight per peer; while they all are,
/// the next one collects, so batches grow with load by themselves. There is no timer, so an idle node adds no delay.
/// <para>
/// The queue is bounded (<see cref="ReplicationLimits.MaxQueuedForwardsPerPeer"/>): when it is full the caller waits
/// for room, within its own deadline, and then reports the peer as timed out for that request. A caller that gave up
/// leaves its request marked done, and the loop skips it instead of sending work nobody waits for.
/// </para>
/// </summary>
internal sealed class PeerForwardQueue : IAsyncDisposable
{
    private readonly Channel<PendingForward> _queue = Channel.CreateBounded<PendingForward>(
        new BoundedChannelOptions(ReplicationLimits.MaxQueuedForwardsPerPeer)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });

    private readonly PeerClient _client;
    private readonly string _peerHex;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _slots = new(ReplicationLimits.MaxForwardBatchesInFlightPerPeer);
    private readonly Task _sender;
    private NodeRecord _peer;

    /// <summary>Starts the send loop for <paramref name="peer"/>.</summary>
    public PeerForwardQueue(NodeRecord peer, PeerClient client, ILogger logger)
    {
        _peer = peer;
        _peerHex = peer.Ed25519Key.ToHex();
        _client = client;
        _logger = logger;
        _sender = Task.Run(SendLoopAsync);
    }

    /// <summary>
    /// Queues <paramref name="request"/> (a <c>{"method","params"}</c> body) for the peer and returns its entry for the
    /// swarm map. <paramref name="peer"/> is the peer's current record (its address may have changed since the queue
    /// was made). Never throws for a timeout: when <paramref name="until"/> fires first (the forward timeout, or the
    /// client went away) the result is <c>{"failed": true, "timeout": true}</c>.
    /// </summary>
    public async Task<PeerResult> ForwardAsync(NodeRecord peer, byte[] request, CancellationToken until)
    {
        Volatile.Write(ref _peer, peer);
        var pending = new PendingForward(request);
        try
        {
            if (!_queue.Writer.TryWrite(pending))
                await _queue.Writer.WriteAsync(pending, until).ConfigureAwait(false);
            return await pending.Result.Task.WaitAsync(until).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (until.IsCancellationRequested)
        {
            // Marks the request done, so the send loop skips it; if the answer won the race, that answer stands.
            pending.Result.TrySetResult(ForwardResults.TimedOut(_peerHex));
            return await pending.Result.Task.ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return ForwardResults.ShuttingDown(_peerHex);
        }
    }

    /// <summary>Takes no more requests; the loop sends what is queued and ends (for a node that is no longer a peer).</summary>
    public void Retire() => _queue.Writer.TryComplete();

    /// <summary>Stops the loop; requests still waiting are answered as failed.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sender.ConfigureAwait(false);
        // Batches still in flight see the cancellation and answer their requests; wait until every slot is back.
        for (var i = 0; i < ReplicationLimits.MaxForwardBatchesInFlightPerPeer; i++)
            await _slots.WaitAsync().ConfigureAwait(false);
        _stop.Dispose();
        _slots.Dispose();
    }

    /// <summary>
    /// Moves the next batch from <paramref name="reader"/> into <paramref name="batch"/>: requests still awaited, in
    /// order, up to the request and byte caps; the first always fits.
    /// </summary>
    internal static void Collect(ChannelReader<PendingForward> reader, List<PendingForward> batch)
    {
        long bytes = 0;
        while (batch.Count < ReplicationLimits.MaxForwardBatchRequests && reader.TryPeek(out var next))
        {
            if (next.Result.Task.IsCompleted)
            {
                reader.TryRead(out _);
                continue;
            }
            // One comma between requests: the batch body is '[' + requests joined by ',' + ']'.
            var size = next.Request.Length + 1L;
            if (batch.Count > 0 && bytes + size > ReplicationLimits.MaxForwardBatchBytes)
                return;
            reader.TryRead(out _);
            batch.Add(next);
            bytes += size;
        }
    }

    /// <summary>The <c>forward-batch</c> body: a JSON array of the requests, each exactly as the client sent it.</summary>
    internal static byte[] BodyOf(IReadOnlyList<PendingForward> batch) => ForwardBatch.WriteRequest([.. batch.Select(p => p.Request)]);

    private async Task SendLoopAsync()
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                // Collect only once a slot is free: whatever arrives meanwhile joins this batch.
                await _slots.WaitAsync(_stop.Token).ConfigureAwait(false);
                var batch = new List<PendingForward>();
                Collect(_queue.Reader, batch);
                if (batch.Count > 0)
                    _ = SendAndReleaseAsync(batch);
                else
                    _slots.Release();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        while (_queue.Reader.TryRead(out var left))
            left.Result.TrySetResult(ForwardResults.ShuttingDown(_peerHex));
    }

    private async Task SendAndReleaseAsync(List<PendingForward> batch)
    {
        try
        {
            await SendAsync(batch).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            foreach (var pending in batch)
                pending.Result.TrySetResult(ForwardResults.ShuttingDown(_peerHex));
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task SendAsync(List<PendingForward> batch)
    {
        PeerResult[] results;
        try
        {
            var answer = await _client.PostAsync(
                Volatile.Read(ref _peer), SwarmReplicator.ForwardBatchRoute, BodyOf(batch), ReplicationLimits.ForwardTimeout, _stop.Token)
                .ConfigureAwait(false);
            results = ForwardResults.OfBatch(answer, batch.Count, _peerHex);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // Not a peer's failure (those are answers): log it in full, fail this batch and go on with the next.
            SwarmLog.ForwardBatchFailed(_logger, exception, _peerHex, batch.Count);
            results = [.. batch.Select(_ => ForwardResults.Unreachable(_peerHex))];
        }
        for (var i = 0; i < batch.Count; i++)
            batch[i].Result.TrySetResult(results[i]);
    }
}

/// <summary>A client request waiting in a <see cref="PeerForwardQueue"/>, and where its entry goes when it is answered.</summary>
internal sealed class PendingForward(byte[] request)
{
    /// <summary>The <c>{"method","params"}</c> body, shared by every peer's queue (never changed).</summary>
    public byte[] Request { get; } = request;

    /// <summary>The peer's entry; completed once, by the answer or by the caller giving up.</summary>
    public TaskCompletionSource<PeerResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
