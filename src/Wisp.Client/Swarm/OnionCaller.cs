using Wisp.Client.Paths;
using Wisp.Client.Transport;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Swarm;

/// <summary>What one storage request through onion paths came to: the destination's reply, or why there is none.</summary>
internal sealed record CallOutcome(OnionResponse? Reply, SwarmError? Error, SwarmCallInfo Info);

/// <summary>
/// Sends one storage request through onion paths until a destination answers, within bounds: at most
/// <see cref="ClientLimits.MaxAttempts"/> attempts and <see cref="ClientLimits.RequestDeadline"/> in all.
/// <list type="bullet">
/// <item>A path failure (guard unreachable, a relay's error, no answer, an answer that does not decrypt) counts
/// against the path and the next attempt avoids its nodes and the destination.</item>
/// <item>421: the swarm named in the answer replaces the one the client had, and the request goes there (once).</item>
/// <item>406/425: the clock takes the node's <c>t</c>, and the request is rebuilt with new timestamps (once).</item>
/// </list>
/// </summary>
internal sealed class OnionCaller(
    NodePool pool, OnionPaths paths, OnionTransport transport, NetworkClock clock, SwarmCache swarms,
    Random random, TimeProvider time, OnionEncryptionType encryption)
{
    private const int TooEarly = 425;

    public NodePool Pool => pool;

    public NetworkClock Clock => clock;

    /// <summary>
    /// Sends the body <paramref name="buildBody"/> makes (called again for each attempt, so timestamps are fresh) to a
    /// member of <paramref name="pubkey"/>'s swarm, or of the whole pool when <paramref name="pubkey"/> is null.
    /// </summary>
    public async Task<CallOutcome> CallAsync(
        StoragePubkey? pubkey, Func<byte[]> buildBody, Ed25519PublicKey? preferred, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(ClientLimits.RequestDeadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var avoid = new HashSet<Ed25519PublicKey>();
        var info = new SwarmCallInfo(0, null, null, false, false);
        SwarmError? last = null;
        try
        {
            while (info.Attempts < ClientLimits.MaxAttempts)
            {
                var members = pubkey is null ? pool.Nodes : Members(pubkey);
                if (members.Count == 0)
                    return new CallOutcome(null, new SwarmError(SwarmFailure.NoSwarm, "no node is known for this address's swarm"), info);
                var destination = ChooseDestination(members, avoid, preferred);
                var path = await paths.GetPathAsync(destination.Ed25519, avoid, linked.Token).ConfigureAwait(false);
                if (path is null)
                    return new CallOutcome(null, new SwarmError(SwarmFailure.NoPath,
                        $"no onion path can be built: the pool has {pool.Nodes.Count} nodes and {ClientLimits.PathLength} distinct ones besides the destination are needed, with a guard that answers"), info);

                info = info with { Attempts = info.Attempts + 1, Destination = destination, Path = path };
                using var request = OnionRequestBuilder.ForNode(path.Nodes, destination, buildBody(), encryption);
                var sent = await transport.SendAsync(path.Guard, request, linked.Token).ConfigureAwait(false);
                if (!sent.Answered)
                {
                    var atGuard = sent.Failure == OnionSendFailure.GuardUnreachable;
                    paths.ReportFailure(path, atGuard);
                    Avoid(avoid, path, destination, atGuard);
                    last = new SwarmError(SwarmFailure.PathsFailed, $"the guard gave no answer ({sent.Failure})", SendFailure: sent.Failure);
                    continue;
                }

                var response = sent.Response!;
                if (response.Kind == OnionResponseKind.RelayError && !response.RelayError.IsPathFailure())
                    return new CallOutcome(null, new SwarmError(SwarmFailure.RequestRefused,
                        $"a relay refused the request itself: {response.Status} {response.RelayError}", response.Status, response.RelayError), info);
                if (response.Kind != OnionResponseKind.Reply)
                {
                    paths.ReportFailure(path, atGuard: false);
                    Avoid(avoid, path, destination, atGuard: false);
                    last = new SwarmError(SwarmFailure.PathsFailed, $"the path failed: {response}", response.Status, response.RelayError);
                    continue;
                }

                paths.ReportSuccess(path);
                var serverTime = SwarmReplies.Time(response.Body);
                if (response.Status == RpcStatus.MisdirectedRequest && pubkey is not null && !info.Misdirected)
                {
                    info = info with { Misdirected = true };
                    await LearnSwarmAsync(pubkey, response.Body, linked.Token).ConfigureAwait(false);
                    preferred = null;
                    continue;
                }
                if (response.Status is RpcStatus.NotAcceptable or TooEarly && serverTime is { } t && !info.ClockCorrected)
                {
                    clock.Correct(t);
                    info = info with { ClockCorrected = true };
                    continue;
                }
                if (serverTime is { } observed)
                    clock.Observe(observed);
                return new CallOutcome(response, null, info);
            }
            return new CallOutcome(null, last ?? new SwarmError(SwarmFailure.PathsFailed, "no attempt reached a destination"), info);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CallOutcome(null, new SwarmError(SwarmFailure.DeadlineExceeded,
                $"no answer within {ClientLimits.RequestDeadline.TotalSeconds} s over {info.Attempts} attempts"), info);
        }
    }

    /// <summary>The swarm for <paramref name="pubkey"/>: what a node told us, else the registry's map.</summary>
    public IReadOnlyList<ServiceNode> Members(StoragePubkey pubkey)
    {
        var learned = swarms.Find(pubkey)?.Where(n => pool.Contains(n.Ed25519)).ToList();
        return learned is { Count: > 0 } ? learned : pool.SwarmFor(pubkey);
    }

    /// <summary>
    /// The preferred node when it is usable; else a random member that was not avoided and, where possible, is on no
    /// current path (so the existing paths stay usable); else any member.
    /// </summary>
    private ServiceNode ChooseDestination(IReadOnlyList<ServiceNode> members, HashSet<Ed25519PublicKey> avoid, Ed25519PublicKey? preferred)
    {
        if (preferred is not null && !avoid.Contains(preferred) && members.FirstOrDefault(m => m.Ed25519.Equals(preferred)) is { } wanted)
            return wanted;
        var onPaths = paths.Current.SelectMany(p => p.Nodes).Select(n => n.Ed25519).ToHashSet();
        var fresh = members.Where(m => !avoid.Contains(m.Ed25519)).ToList();
        var offPath = fresh.Where(m => !onPaths.Contains(m.Ed25519)).ToList();
        var choices = offPath.Count > 0 ? offPath : fresh.Count > 0 ? fresh : [.. members];
        lock (random)
            return choices[random.Next(choices.Count)];
    }

    /// <summary>Takes the swarm a 421 named; when it names none the client knows, asks the registry to look again.</summary>
    private async Task LearnSwarmAsync(StoragePubkey pubkey, byte[] body, CancellationToken cancellationToken)
    {
        var named = SwarmReplies.Swarm(body, pool);
        if (named.Count > 0)
        {
            swarms.Remember(pubkey, named);
            return;
        }
        swarms.Remember(pubkey, []);
        await pool.RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What a failed attempt says to avoid: the guard alone when it did not answer, else the relays and the destination.</summary>
    private static void Avoid(HashSet<Ed25519PublicKey> avoid, OnionPath path, ServiceNode destination, bool atGuard)
    {
        if (atGuard)
        {
            avoid.Add(path.Guard.Ed25519);
            return;
        }
        foreach (var relay in path.Nodes.Skip(1))
            avoid.Add(relay.Ed25519);
        avoid.Add(destination.Ed25519);
    }
}
