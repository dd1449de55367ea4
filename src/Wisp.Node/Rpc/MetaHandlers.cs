using Wisp.Protocol.Rpc;

namespace Wisp.Node.Rpc;

/// <summary>
/// <c>batch</c>, <c>sequence</c> and <c>ifelse</c>: requests made of requests. Every subrequest is bound (parsed) before
/// any runs, so one malformed subrequest fails the whole request with Session's text. A batch starts its subrequests
/// in order, each once the one before has done its part on this node, and waits for the swarm peers' answers of all of
/// them together (as Session's does: a retrieve after a store in one batch sees the store); a sequence runs them one
/// after another, peers included, and stops after the first that is not 2xx.
/// </summary>
internal sealed class MetaHandlers(RpcNode node, RpcRoutes routes)
{
    public ParseResult<BoundCall> BindBatch(RpcCall call, RpcCaller caller, bool stopOnFailure)
    {
        var bound = new List<BoundCall>();
        var parsed = BatchRequest.Parse(call.Params, stopOnFailure, routes.Serves, sub => Bind(sub, caller, bound, allowMeta: false));
        if (!parsed.IsOk)
            return parsed.Error!;
        return stopOnFailure ? new BoundCall((token, _) => SequenceAsync(bound, token)) : new BoundCall((token, _) => BatchAsync(bound, token));
    }

    public ParseResult<BoundCall> BindIfElse(RpcCall call, RpcCaller caller)
    {
        var bound = new List<BoundCall>();
        var parsed = IfElseRequest.Parse(call.Params, routes.Serves, sub => Bind(sub, caller, bound, allowMeta: true));
        if (parsed.Value is not { } request)
            return parsed.Error!;
        // Branches bind in order, then before else; a missing branch binds nothing.
        var then = request.Then is null ? null : bound[0];
        var otherwise = request.Else is null ? null : bound[^1];
        return new BoundCall((token, _) => IfElseAsync(request.Condition, then, otherwise, token));
    }

    private RpcError? Bind(RpcCall sub, RpcCaller caller, List<BoundCall> bound, bool allowMeta)
    {
        // Subrequests are the client's own (a forwarded meta request is refused after binding).
        var result = routes.Bind(sub, caller with { ForwardedBy = null });
        if (!result.IsOk)
            return result.Error;
        if (!allowMeta && routes.IsMeta(sub.Method))
            return BatchRequest.MetaRequest;
        bound.Add(result.Value!);
        return null;
    }

    private static async Task<RpcReply> BatchAsync(List<BoundCall> calls, CancellationToken cancellationToken)
    {
        var running = new List<Task<RpcReply>>(calls.Count);
        foreach (var call in calls)
        {
            var local = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var task = call(cancellationToken, () => local.TrySetResult());
            running.Add(task);
            await Task.WhenAny(task, local.Task);
        }
        return RpcReply.Ok(new BatchResponse(await Task.WhenAll(running)));
    }

    private static async Task<RpcReply> SequenceAsync(List<BoundCall> calls, CancellationToken cancellationToken)
    {
        var results = new List<RpcReply>(calls.Count);
        foreach (var call in calls)
        {
            var result = await call(cancellationToken);
            results.Add(result);
            if (!result.IsSuccess)
                break;
        }
        return RpcReply.Ok(new BatchResponse(results));
    }

    private async Task<RpcReply> IfElseAsync(IfElseCondition condition, BoundCall? then, BoundCall? otherwise, CancellationToken cancellationToken)
    {
        var holds = condition.Holds(node.Hf, ProtocolVersions.StorageServer, node.Height);
        var branch = holds ? then : otherwise;
        var result = branch is null ? null : await branch(cancellationToken);
        return RpcReply.Ok(new IfElseResponse(holds, node.Height, node.Hf, ProtocolVersions.StorageServer, result));
    }
}
