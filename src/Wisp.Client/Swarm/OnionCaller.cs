using Wisp.Client.Paths;
using Wisp.Client.Transport;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Swarm;

/// <summary>
/// What one storage request through onion paths came to: the destination's reply and, for a 2xx whose JSON has the
/// method's shape, that reply read as <typeparamref name="T"/>; or why there is no reply.
/// </summary>
internal sealed record CallOutcome<T>(RpcReply? Reply, T? Response, SwarmError? Error, SwarmCallInfo Info) where T : class;

/// <summary>
/// Sends one storage request through onion paths until a destination answers, within bounds: at most
/// <see cref="ClientLimits.MaxAttempts"/> attempts and <see cref="ClientLimits.RequestDeadline"/> in all.
/// <list type="bullet">
/// <item>A path failure (guard unreachable, a relay's error, no answer, an answer that does not decrypt) counts
/// against the path and the next attempt avoids its nodes and the destination.</item>
/// <item>421: the swarm named in the answer, as far as the registry confirms it (<see cref="NamedSwarm"/>), replaces the
/// one the client had, and the request goes there (once).</item>
/// <item>406/425: the client asks that node and a few others for their time with <c>info</c> requests over the same path
/// (Session's 406 is bare text, with no <c>t</c>); when they agree within the clock's bound the clock takes their time
/// and the request is rebuilt with new timestamps (once); when they agree on a time beyond it, the clock's
/// <see cref="NetworkClock.Problem"/> is the error.</item>
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
    /// member of <paramref name="pubkey"/>'s swarm, or of the whole pool when <paramref name="pubkey"/> is null. A 2xx
    /// answer is read as <typeparamref name="T"/>, and its clock (<paramref name="timeOf"/>) feeds the network clock.
    /// </summary>
    public async Task<CallOutcome<T>> CallAsync<T>(
        StoragePubkey? pubkey, Func<byte[]> buildBody, Func<T, long> timeOf, Ed25519PublicKey? preferred, CancellationToken cancellationToken)
        where T : class, IRpcResponse<T>
    {
        using var deadline = new CancellationTokenSource(ClientLimits.RequestDeadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var avoid = new HashSet<Ed25519PublicKey>();
        var info = new SwarmCallInfo(0, null, null, false, false);
        SwarmError? last = null;
        var askedTime = false;
        try
        {
            while (info.Attempts < ClientLimits.MaxAttempts)
            {
                var members = pubkey is null ? pool.Nodes : Members(pubkey);
                if (members.Count == 0)
                    return new CallOutcome<T>(null, null, new SwarmError(SwarmFailure.NoSwarm, "no node is known for this address's swarm"), info);
                var destination = ChooseDestination(members, avoid, preferred);
                var path = await paths.GetPathAsync(destination.Ed25519, avoid, linked.Token).ConfigureAwait(false);
                if (path is null)
                    return new CallOutcome<T>(null, null, new SwarmError(SwarmFailure.NoPath,
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
                    return new CallOutcome<T>(null, null, new SwarmError(SwarmFailure.RequestRefused,
                        $"a relay refused the request itself: {response.Status} {response.RelayError}", response.Status, response.RelayError), info);
                if (response.Kind != OnionResponseKind.Reply)
                {
                    paths.ReportFailure(path, atGuard: false);
                    Avoid(avoid, path, destination, atGuard: false);
                    last = new SwarmError(SwarmFailure.PathsFailed, $"the path failed: {response}", response.Status, response.RelayError);
                    continue;
                }

                paths.ReportSuccess(path);
                var reply = SwarmReplies.Of(response);
                if (reply.Status == RpcStatus.MisdirectedRequest && pubkey is not null && !info.Misdirected)
                {
                    info = info with { Misdirected = true };
                    await LearnSwarmAsync(pubkey, reply, linked.Token).ConfigureAwait(false);
                    preferred = null;
                    continue;
                }
                if (reply.Status is RpcStatus.NotAcceptable or TooEarly && !askedTime)
                {
                    askedTime = true;
                    if (clock.Correct(await AskTimesAsync(path, destination, linked.Token).ConfigureAwait(false)))
                    {
                        info = info with { ClockCorrected = true };
                        continue;
                    }
                    if (clock.Problem is { } problem)
                        return new CallOutcome<T>(reply, null, new SwarmError(SwarmFailure.Rejected, problem, reply.Status), info);
                }
                var value = reply.IsSuccess ? SwarmReplies.Read<T>(reply) : null;
                if (value is not null)
                    clock.Observe(destination.Ed25519, timeOf(value));
                return new CallOutcome<T>(reply, value, null, info);
            }
            return new CallOutcome<T>(null, null, last ?? new SwarmError(SwarmFailure.PathsFailed, "no attempt reached a destination"), info);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CallOutcome<T>(null, null, new SwarmError(SwarmFailure.DeadlineExceeded,
                $"no answer within {ClientLimits.RequestDeadline.TotalSeconds} s over {info.Attempts} attempts"), info);
        }
    }

    /// <summary>The swarm for <paramref name="pubkey"/>: what a node told us, else the registry's map.</summary>
    public IReadOnlyList<ServiceNode> Members(StoragePubkey pubkey)
    {
        var placed = pool.SwarmFor(pubkey);
        // What a node told us counts only while the registry still places those nodes in this swarm.
        var learned = swarms.Find(pubkey)?.Where(n => placed.Any(p => p.Ed25519.Equals(n.Ed25519))).ToList();
        return learned is { Count: > 0 } ? learned : placed;
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

    /// <summary>
    /// The clocks of the destination and of up to <see cref="ClientLimits.ClockAgreement"/> other nodes (none on the
    /// path), from <c>info</c> requests over <paramref name="path"/> (which just carried the destination's answer), asked
    /// at once: the clock moves only when several agree. Nodes that give no readable answer are left out. Not counted as
    /// attempts: they carry no request.
    /// </summary>
    private async Task<List<(Ed25519PublicKey Node, long TimeMs)>> AskTimesAsync(OnionPath path, ServiceNode destination, CancellationToken cancellationToken)
    {
        var onPath = path.Nodes.Select(n => n.Ed25519).ToHashSet();
        var others = pool.Nodes.Where(n => !onPath.Contains(n.Ed25519) && !n.Ed25519.Equals(destination.Ed25519)).ToList();
        lock (random)
            others = [.. others.OrderBy(_ => random.Next()).Take(ClientLimits.ClockAgreement)];
        var asked = await Task.WhenAll(others.Prepend(destination).Select(async node =>
            (node.Ed25519, Time: await AskTimeAsync(path, node, cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
        return [.. asked.Where(a => a.Time is not null).Select(a => (a.Ed25519, a.Time!.Value))];
    }

    /// <summary><paramref name="node"/>'s clock, Unix ms, from an <c>info</c> request over <paramref name="path"/>; null without a readable answer.</summary>
    private async Task<long?> AskTimeAsync(OnionPath path, ServiceNode node, CancellationToken cancellationToken)
    {
        using var request = OnionRequestBuilder.ForNode(path.Nodes, node, SwarmRequests.Info(), encryption);
        var sent = await transport.SendAsync(path.Guard, request, cancellationToken).ConfigureAwait(false);
        return sent.Answered && sent.Response is { IsSuccess: true } response
            ? SwarmReplies.Read<InfoResponse>(SwarmReplies.Of(response))?.T
            : null;
    }

    /// <summary>Takes the swarm a 421 named, once the registry confirms it (<see cref="NamedSwarm"/>).</summary>
    private Task LearnSwarmAsync(StoragePubkey pubkey, RpcReply reply, CancellationToken cancellationToken) =>
        NamedSwarm.LearnAsync(SwarmReplies.Read<GetSwarmResponse>(reply), pubkey, pool, swarms, cancellationToken);

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
