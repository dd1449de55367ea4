using Wisp.Protocol.Rpc;

namespace Wisp.Node.Rpc;

/// <summary>
/// How a recursive method runs once its checks passed (Session's <c>setup_recursive_request</c> and
/// <c>reply_or_fail</c>). A request a swarm member forwarded answers the node's own entry alone, 200. A client's
/// request goes to every swarm peer at the same time as it runs here, and the answer folds every member's entry into
/// <c>"swarm"</c> with <c>t</c> and <c>hf</c> — status 200 whatever the entries say: Session's rule looks for
/// <c>"failed"</c> among the reply's top-level keys, where it never is.
/// </summary>
internal sealed class Recursion(RpcNode node, ISwarmReplicator? replicator)
{
    /// <summary>Runs <paramref name="apply"/> here and, for a client's request, on the swarm peers.</summary>
    /// <param name="invocation">The call as the client sent it (forwarded byte for byte as far as JSON goes) and who sent it.</param>
    /// <param name="nowMs">The time the checks used: the reply's <c>t</c>.</param>
    /// <param name="apply">This node's part: its signed entry, or a failure entry.</param>
    /// <param name="finish">Shapes the folded reply (store's top-level hash, delete's 404); 200 when null.</param>
    /// <param name="cancellationToken">Ends the wait when the caller went away.</param>
    public async Task<RpcReply> RunAsync<TEntry>(
        RpcInvocation invocation, long nowMs, Func<CancellationToken, Task<SwarmEntry<TEntry>>> apply,
        Func<SwarmResponse<TEntry>, RpcReply>? finish, CancellationToken cancellationToken)
        where TEntry : class, IRpcResponse<TEntry>
    {
        if (invocation.Forwarded)
            return RpcReply.Ok(await apply(cancellationToken));

        // Peers get the request before this node runs it, as in Session: the answer waits for the slowest anyway.
        var forward = replicator is null
            ? Task.FromResult<IReadOnlyList<PeerResult>>([])
            : replicator.ForwardAsync(ForwardBody(invocation.Call), cancellationToken);
        SwarmEntry<TEntry> mine;
        try
        {
            mine = await apply(cancellationToken);
            invocation.LocalDone?.Invoke();
        }
        catch
        {
            // The peers' answers have nowhere to go; let the forward finish on its own without an unobserved fault.
            _ = forward.ContinueWith(static t => t.Exception, TaskScheduler.Default);
            throw;
        }
        var peers = await forward;

        var swarm = new List<KeyValuePair<string, SwarmEntry<TEntry>>>(peers.Count + 1) { KeyValuePair.Create(node.KeyHex, mine) };
        foreach (var peer in peers)
            swarm.Add(KeyValuePair.Create(peer.PeerHex, EntryOf<TEntry>(peer)));
        var response = new SwarmResponse<TEntry>(swarm, nowMs, node.Hf);
        return finish?.Invoke(response) ?? RpcReply.Ok(response);
    }

    /// <summary>A peer's entry: its own answer read as <typeparamref name="TEntry"/> (or a failure), else an unreadable answer.</summary>
    private static SwarmEntry<TEntry> EntryOf<TEntry>(PeerResult peer) where TEntry : class, IRpcResponse<TEntry>
    {
        if (peer.Failure is { } failure)
            return SwarmEntry<TEntry>.Failed(failure);
        return peer.Body is { } body && SwarmEntry<TEntry>.TryRead(body, out var entry)
            ? entry
            : SwarmEntry<TEntry>.Failed(SwarmFailure.BadResponse);
    }

    /// <summary>The request as peers receive it: the client's method and params, params byte for byte as far as JSON goes.</summary>
    private static byte[] ForwardBody(RpcCall call) =>
        RequestBody.Serialize(call.Method, writer => writer.WriteRawValue(call.Params.GetRawText(), skipInputValidation: true));
}

/// <summary>A bound call's origin: the method and params as sent, and whether a swarm peer forwarded it.</summary>
internal sealed record RpcInvocation(RpcCall Call, bool Forwarded)
{
    /// <summary>
    /// Called once this node's own part is done (before the swarm peers' answers are in), so a batch can start its
    /// next subrequest then, as Session's does.
    /// </summary>
    public Action? LocalDone { get; init; }
}
