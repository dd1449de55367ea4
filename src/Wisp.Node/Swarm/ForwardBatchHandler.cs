using Microsoft.AspNetCore.Http;
using Wisp.Node.Rpc;
using Wisp.Protocol.Peering;

namespace Wisp.Node.Swarm;

/// <summary>
/// <c>POST /swarm/v1/forward-batch</c> (caller already authenticated, body already capped): client requests that a
/// swarm peer received and passed on. Each one runs exactly as the storage RPC runs a forwarded request — the client's
/// signature checked here (±70 s where Session allows it), recursive methods only, never forwarded again — and all of them at once, so their
/// stores share one group commit. One refused or failed request is its own entry of the answer and fails nothing else.
/// </summary>
public sealed class ForwardBatchHandler(IStorageRpc rpc)
{
    /// <summary>
    /// Parses the array (at most <see cref="ReplicationLimits.MaxForwardBatchRequests"/> entries, else 400 before any is
    /// run), runs every entry and answers <c>[{"code", "body"}, …]</c> in the same order: a success body is this node's
    /// own entry (Session's non-recursive form), an error body Session's text, as a string.
    /// </summary>
    public async Task<PeerAnswer> HandleAsync(SwarmEndpoints.PeerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ForwardBatch.TryReadRequest(request.Body, ReplicationLimits.MaxForwardBatchRequests) is not { } requests)
            return PeerAnswer.Error(StatusCodes.Status400BadRequest,
                $"forward-batch: the body must be a JSON array of 1 to {ReplicationLimits.MaxForwardBatchRequests} requests");
        var caller = new RpcCaller(request.RemoteAddress) { ForwardedBy = request.From };
        var answers = await Task.WhenAll(requests.Select(body => rpc.HandleAsync(body, caller, cancellationToken)));
        return new PeerAnswer(StatusCodes.Status200OK, ForwardBatch.WriteAnswer([.. answers.Select(a => (a.Status, a.Body, a.IsJson))]));
    }
}
