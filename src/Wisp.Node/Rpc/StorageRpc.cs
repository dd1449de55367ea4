using Microsoft.Extensions.Logging;
using Wisp.Node.Admission;
using Wisp.Node.Storage;
using Wisp.Protocol.Rpc;

namespace Wisp.Node.Rpc;

/// <summary>
/// The Session-compatible storage RPC: parses the body, binds the method from the route table, runs its handler and
/// writes the answer — Session's statuses, bodies and content types. Malformed requests get its 400 texts ("invalid
/// json", "no method X", "invalid request: …"); anything unexpected is logged in full and answered 500
/// "request failed". A body over <see cref="Limits.MaxRequestBodyBytes"/> is a 413 whichever way it came.
/// </summary>
public sealed class StorageRpc : IStorageRpc
{
    private readonly RpcRoutes _routes;
    private readonly ILogger<StorageRpc> _logger;

    /// <summary>
    /// Builds the RPC over a store, this node's identity, a clock and a swarm view; with a <paramref name="replicator"/>
    /// (a node in a network) recursive methods are forwarded to the swarm peers. With <paramref name="arrivals"/> (what the
    /// store signals after each commit) retrieves may wait for new messages (<c>wisp_wait_ms</c>). <paramref name="random"/>
    /// picks the nodes of a limited <c>get_service_nodes</c> (the shared generator when null).
    /// </summary>
    public StorageRpc(
        IMessageStore store, NodeIdentity identity, TimeProvider time, ISwarmDirectory swarms, ILogger<StorageRpc> logger,
        ISwarmReplicator? replicator = null, MessageArrivals? arrivals = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(swarms);
        ArgumentNullException.ThrowIfNull(logger);
        _routes = new RpcRoutes(new RpcNode(store, identity, time, swarms, arrivals, random), replicator, logger);
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<RpcResponse> HandleAsync(ReadOnlyMemory<byte> body, RpcCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var method = "(unparsed)";
        // The HTTP edge refuses a larger body before reading it; a body unwrapped from an onion layer (up to the onion
        // cap) meets the same limit here, so no path buys more parsing and work than a direct request.
        if (body.Length > Limits.MaxRequestBodyBytes)
        {
            StorageRpcLog.Rejected(_logger, caller.RemoteAddress, RpcStatus.PayloadTooLarge, "body too large");
            return RpcResponse.Of(RpcReply.Plain(RpcStatus.PayloadTooLarge, EdgeRefusals.BodyTooLarge));
        }
        try
        {
            if (!RpcEnvelope.TryParse(body, out var envelope, out var envelopeError))
                return Reject(envelopeError!.Message, caller);
            using (envelope)
            {
                method = envelope!.Method;
                if (!_routes.Serves(method))
                    return Reject("no method " + method, caller);
                var forwarded = caller.ForwardedBy is not null;
                var bound = _routes.Bind(new RpcCall(method, envelope.Params), caller);
                if (!bound.IsOk)
                    return Reject("invalid request: " + bound.Error!.Message, caller);
                if (forwarded && !_routes.IsRecursive(method))
                    return Reject("invalid request: received invalid forwarded non-forwardable request", caller);
                var reply = await bound.Value!(cancellationToken);
                StorageRpcLog.Answered(_logger, Short(method), caller.RemoteAddress, reply.Status);
                return RpcResponse.Of(reply);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            StorageRpcLog.Failed(_logger, exception, Short(method));
            return RpcResponse.Of(RpcReply.Plain(RpcStatus.InternalServerError, "request failed"));
        }
    }

    private RpcResponse Reject(string message, RpcCaller caller)
    {
        StorageRpcLog.Rejected(_logger, caller.RemoteAddress, RpcStatus.BadRequest, Short(message));
        return RpcResponse.Of(RpcReply.Plain(RpcStatus.BadRequest, message));
    }

    private static string Short(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
