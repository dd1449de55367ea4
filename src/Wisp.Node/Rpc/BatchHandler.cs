using System.Text.Json.Nodes;
using Wisp.Protocol.Rpc;

namespace Wisp.Node.Rpc;

/// <summary>
/// <c>batch</c> and <c>sequence</c>: binds every subrequest first (one malformed subrequest fails the whole request),
/// then runs them in order; a sequence stops after the first one that does not succeed.
/// </summary>
internal sealed class BatchHandler(RpcNode node, RpcRoutes routes)
{
    public async Task<RpcResult> HandleAsync(BatchRequest request, CancellationToken cancellationToken)
    {
        var calls = new List<BoundCall>(request.Requests.Count);
        for (var i = 0; i < request.Requests.Count; i++)
        {
            var sub = request.Requests[i];
            var bound = routes.Bind(sub.Method, sub.Params);
            if (!bound.IsOk)
                return RpcResult.Fail(bound.Error!.Status, $"params.requests[{i}] ({ParamName(sub.Method)}): {bound.Error.Message}");
            calls.Add(bound.Value!);
        }

        // Run one at a time: subrequests of one client touch the same account, and the store serializes writes anyway.
        var results = new JsonArray();
        foreach (var call in calls)
        {
            var result = await call(cancellationToken);
            results.Add(new JsonObject { ["code"] = result.Status, ["body"] = result.Body });
            if (request.StopOnFailure && !result.IsSuccess)
                break;
        }
        return RpcResult.Ok(new JsonObject { ["results"] = results, ["t"] = node.NowMs() });
    }

    private static string ParamName(string method) => method.Length <= 40 ? method : method[..40] + "…";
}
