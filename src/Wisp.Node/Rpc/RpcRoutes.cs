using System.Text.Json;
using Wisp.Protocol.Rpc;

namespace Wisp.Node.Rpc;

/// <summary>
/// The route table: every storage RPC method name, the parser of its params and the handler that serves it.
/// Binding parses; running handles — so a batch can check all its subrequests before running any.
/// </summary>
internal sealed class RpcRoutes
{
    private readonly Dictionary<string, Func<JsonElement, ParseResult<BoundCall>>> _routes;

    public RpcRoutes(RpcNode node)
    {
        var store = new StoreHandler(node);
        var retrieve = new RetrieveHandler(node);
        var deletes = new DeleteHandlers(node);
        var expires = new ExpireHandlers(node);
        var swarm = new SwarmHandlers(node);
        var batch = new BatchHandler(node, this);

        _routes = new(StringComparer.Ordinal)
        {
            [StoreRequest.Method] = Route(StoreRequest.Parse, store.HandleAsync),
            [RetrieveRequest.Method] = Route(RetrieveRequest.Parse, retrieve.HandleAsync),
            [DeleteRequest.Method] = Route(DeleteRequest.Parse, deletes.DeleteAsync),
            [DeleteAllRequest.Method] = Route(DeleteAllRequest.Parse, deletes.DeleteAllAsync),
            [DeleteBeforeRequest.Method] = Route(DeleteBeforeRequest.Parse, deletes.DeleteBeforeAsync),
            [ExpireRequest.Method] = Route(ExpireRequest.Parse, expires.ExpireAsync),
            [ExpireAllRequest.Method] = Route(ExpireAllRequest.Parse, expires.ExpireAllAsync),
            [GetExpiriesRequest.Method] = Route(GetExpiriesRequest.Parse, expires.GetExpiriesAsync),
            [GetSwarmRequest.Method] = Route(GetSwarmRequest.Parse, swarm.GetSwarmAsync),
            [GetSwarmRequest.LegacyMethod] = Route(GetSwarmRequest.Parse, swarm.GetSwarmAsync),
            [InfoRequest.Method] = Route(InfoRequest.Parse, swarm.InfoAsync),
            [BatchRequest.BatchMethod] = Route(p => BatchRequest.Parse(p, stopOnFailure: false), batch.HandleAsync),
            [BatchRequest.SequenceMethod] = Route(p => BatchRequest.Parse(p, stopOnFailure: true), batch.HandleAsync),
        };
    }

    /// <summary>The method names served, sorted.</summary>
    public IEnumerable<string> Methods => _routes.Keys.Order(StringComparer.Ordinal);

    /// <summary>Parses <paramref name="parameters"/> for <paramref name="method"/> and binds the handler, or says why not.</summary>
    public ParseResult<BoundCall> Bind(string method, JsonElement parameters) =>
        _routes.TryGetValue(method, out var route)
            ? route(parameters)
            : RpcError.BadRequest($"unknown method \"{(method.Length <= 40 ? method : method[..40] + "…")}\"; this node serves {string.Join(", ", Methods)}");

    private static Func<JsonElement, ParseResult<BoundCall>> Route<T>(
        Func<JsonElement, ParseResult<T>> parse, Func<T, CancellationToken, Task<RpcResult>> handle) where T : class =>
        parameters =>
        {
            var parsed = parse(parameters);
            if (!parsed.IsOk)
                return parsed.Error!;
            var request = parsed.Value!;
            return new BoundCall(cancellationToken => handle(request, cancellationToken));
        };
}
