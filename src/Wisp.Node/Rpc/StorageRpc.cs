using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Wisp.Node.Storage;
using Wisp.Protocol.Rpc;

namespace Wisp.Node.Rpc;

/// <summary>
/// The Session-compatible storage RPC: parses the body, binds the method from the route table, runs its handler and
/// writes the JSON answer. Expected failures are JSON errors with 4xx statuses; anything unexpected is logged in
/// full and answered with a generic 500.
/// </summary>
public sealed class StorageRpc : IStorageRpc
{
    private readonly RpcNode _node;
    private readonly RpcRoutes _routes;
    private readonly RpcRoutes _forwardedRoutes;
    private readonly ILogger<StorageRpc> _logger;

    /// <summary>
    /// Builds the RPC over a store, this node's identity, a clock and a swarm view; with a <paramref name="replicator"/>
    /// (a node in a network) recursive methods are forwarded to the swarm peers. With <paramref name="arrivals"/> (what the
    /// store signals after each commit) retrieves may wait for new messages (<c>wisp_wait_ms</c>).
    /// </summary>
    public StorageRpc(
        IMessageStore store, NodeIdentity identity, TimeProvider time, ISwarmDirectory swarms, ILogger<StorageRpc> logger,
        ISwarmReplicator? replicator = null, MessageArrivals? arrivals = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(swarms);
        ArgumentNullException.ThrowIfNull(logger);
        _node = new RpcNode(store, identity, time, swarms, arrivals: arrivals);
        _routes = new RpcRoutes(_node, replicator);
        _forwardedRoutes = RpcRoutes.Forwarded(
            new RpcNode(store, identity, time, swarms, Swarm.ReplicationLimits.ForwardedSignatureToleranceMs));
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<RpcResponse> HandleAsync(ReadOnlyMemory<byte> body, RpcCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var method = "(unparsed)";
        try
        {
            if (!RpcEnvelope.TryParse(body, out var envelope, out var envelopeError))
                return Reject(envelopeError!, caller);
            using (envelope)
            {
                method = envelope!.Method;
                var routes = caller.ForwardedBy is null ? _routes : _forwardedRoutes;
                var bound = routes.Bind(method, envelope.Params);
                if (!bound.IsOk)
                    return Reject(bound.Error!, caller);
                var result = await bound.Value!(cancellationToken);
                StorageRpcLog.Answered(_logger, method, caller.RemoteAddress, result.Status);
                return Write(result);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            StorageRpcLog.Failed(_logger, exception, method.Length <= 40 ? method : method[..40]);
            return Write(RpcResult.Fail(RpcStatus.InternalServerError, "the node failed to handle this request; try again or another node"));
        }
    }

    private RpcResponse Reject(RpcError error, RpcCaller caller)
    {
        StorageRpcLog.Rejected(_logger, caller.RemoteAddress, error.Status, error.Message);
        return Write(RpcResult.Fail(error));
    }

    private RpcResponse Write(RpcResult result)
    {
        // Every answer carries the node's clock, errors included: a client rejected for clock skew needs it most.
        if (!result.Body.ContainsKey("t"))
            result.Body["t"] = _node.NowMs();
        return new RpcResponse(result.Status, JsonSerializer.SerializeToUtf8Bytes<JsonNode>(result.Body, RpcJson.Options));
    }
}
