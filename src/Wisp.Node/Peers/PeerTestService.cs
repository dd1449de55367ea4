using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wisp.Network.Registry;
using Wisp.Node.NodeLinks;
using Wisp.Node.Storage;
using Wisp.Node.Swarm;
using Wisp.Protocol.Peering;
using Wisp.Protocol.Rpc;

namespace Wisp.Node.Peers;

/// <summary>
/// Tests one other node every interval: a swarm peer three times in four (when it has peers), otherwise any active
/// node. Every test asks <c>info</c> (reachability); a swarm peer is also asked for a random message this node holds
/// for the swarm and is old enough to have reached every member (<see cref="StorageCheckRequest"/>), and must hold the same
/// bytes. Each result is logged and kept in the <see cref="PeerTestLog"/>.
/// </summary>
public sealed partial class PeerTestService(
    SwarmMembership membership, PeerClient client, IMessageStore store, PeerTestLog log, TimeProvider time, Random random,
    TimeSpan interval, ILogger<PeerTestService> logger) : BackgroundService
{
    private static readonly byte[] InfoBody = InfoRequest.Value.ToBody();

    /// <summary>Tests one node now; returns its results (none when there is no other node).</summary>
    public async Task<IReadOnlyList<PeerTestResult>> TestOnceAsync(CancellationToken cancellationToken)
    {
        var peers = membership.Peers();
        var others = membership.Current.ActiveNodes.Where(n => !n.Ed25519Key.Equals(membership.Self)).ToList();
        if (others.Count == 0)
            return [];
        var isPeer = peers.Count > 0 && random.Next(4) != 0;
        var target = isPeer ? peers[random.Next(peers.Count)] : others[random.Next(others.Count)];
        return await TestNodeAsync(target, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Tests <paramref name="target"/> now (reachability, and storage when it is a swarm peer), records and returns the
    /// results; the obligations quorum uses this for the nodes it tests.
    /// </summary>
    public async Task<IReadOnlyList<PeerTestResult>> TestNodeAsync(NodeRecord target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var isPeer = membership.Peers().Any(p => p.Ed25519Key.Equals(target.Ed25519Key));
        var results = new List<PeerTestResult> { await ReachabilityAsync(target, cancellationToken).ConfigureAwait(false) };
        if (isPeer && results[0].Passed && await StorageAsync(target, cancellationToken).ConfigureAwait(false) is { } storage)
            results.Add(storage);
        foreach (var result in results)
        {
            log.Record(result);
            if (result.Passed) LogPassed(logger, result.Peer, result.Kind);
            else LogFailed(logger, result.Peer, result.Kind, result.Reason);
        }
        return results;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
                await TestOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogError(logger, exception);
            }
        }
    }

    private async Task<PeerTestResult> ReachabilityAsync(NodeRecord target, CancellationToken cancellationToken)
    {
        var answer = await client.PostAsync(target, "/storage_rpc/v1", InfoBody, ReplicationLimits.ForwardTimeout, cancellationToken)
            .ConfigureAwait(false);
        var reason = answer.Failure != UpstreamFailure.None ? answer.Failure.ToString().ToLowerInvariant()
            : answer.Status != 200 ? $"info answered {answer.Status}" : "";
        return Result(target, PeerTestKind.Reachability, reason);
    }

    private async Task<PeerTestResult?> StorageAsync(NodeRecord target, CancellationToken cancellationToken)
    {
        if (membership.MySwarmId is not { } swarm)
            return null;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var last = await store.LastIdAsync(cancellationToken).ConfigureAwait(false);
        if (last == 0)
            return null;
        var page = await store.ReadPageAsync(random.NextInt64(last), 1, long.MaxValue,
            SwarmMembership.OwnersOf(membership.Current, swarm), now, includeData: true, cancellationToken).ConfigureAwait(false);
        if (page.Messages.Count == 0 || page.Messages[0].Message is not { } message || now - message.TimestampMs < ReplicationLimits.StorageTestMinAgeMs)
            return null;

        var body = new StorageCheckRequest(message.Owner, message.Namespace, message.Hash).ToJson();
        var answer = await client.CallAsync(target, StorageCheckRequest.Route, body, StorageCheckAnswer.Read, ReplicationLimits.ForwardTimeout, cancellationToken)
            .ConfigureAwait(false);
        if (!answer.Ok)
            return Result(target, PeerTestKind.Storage, answer.Problem!);
        if (!answer.Value!.Found)
            return Result(target, PeerTestKind.Storage, $"does not hold message {message.Hash}");
        return Result(target, PeerTestKind.Storage,
            answer.Value.DataHash == StorageCheckAnswer.DigestOf(message.Data) ? "" : $"holds other bytes for message {message.Hash}");
    }

    private PeerTestResult Result(NodeRecord target, PeerTestKind kind, string failure) =>
        new(target.Ed25519Key.ToHex(), time.GetUtcNow().ToUnixTimeMilliseconds(), kind, failure.Length == 0, failure);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Peer test of {Peer} ({Kind}) passed")]
    private static partial void LogPassed(ILogger logger, string peer, PeerTestKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Peer test of {Peer} ({Kind}) failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string peer, PeerTestKind kind, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A peer test failed unexpectedly; the next one runs at the next interval")]
    private static partial void LogError(ILogger logger, Exception exception);
}
