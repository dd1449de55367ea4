using System.Text;
using System.Text.Json;
using Wisp.Protocol.Rpc;

namespace Wisp.Node.Rpc;

/// <summary>
/// The route table: every storage RPC method name, the parser of its params and the handler that serves it.
/// Binding parses; running handles — so a batch can check all its subrequests before running any.
/// <para>
/// Two tables exist. A client's table serves every method; its recursive methods (store, delete, delete_all,
/// delete_before, expire, expire_all) run locally and, when the local result is a success (or "full", which another
/// member may not be), go on to every swarm peer through the <see cref="ISwarmReplicator"/>, whose signed results join
/// the <c>"swarm"</c> map. The forwarded table (requests a swarm peer passed on) serves only the recursive methods and
/// never forwards again.
/// </para>
/// </summary>
internal sealed class RpcRoutes
{
    private readonly Dictionary<string, Func<JsonElement, ParseResult<BoundCall>>> _routes;
    private readonly ISwarmReplicator? _replicator;
    private readonly RpcNode _node;

    /// <summary>The table for requests from clients; recursive methods are replicated when <paramref name="replicator"/> is given.</summary>
    public RpcRoutes(RpcNode node, ISwarmReplicator? replicator)
    {
        _node = node;
        _replicator = replicator;
        var retrieve = new RetrieveHandler(node);
        var expires = new ExpireHandlers(node);
        var swarm = new SwarmHandlers(node);
        var batch = new BatchHandler(node, this);

        _routes = RecursiveRoutes(node);
        _routes[RetrieveRequest.Method] = Route(RetrieveRequest.Parse, retrieve.HandleAsync);
        _routes[GetExpiriesRequest.Method] = Route(GetExpiriesRequest.Parse, expires.GetExpiriesAsync);
        _routes[GetSwarmRequest.Method] = Route(GetSwarmRequest.Parse, swarm.GetSwarmAsync);
        _routes[GetSwarmRequest.LegacyMethod] = Route(GetSwarmRequest.Parse, swarm.GetSwarmAsync);
        _routes[InfoRequest.Method] = Route(InfoRequest.Parse, swarm.InfoAsync);
        _routes[BatchRequest.BatchMethod] = Route(p => BatchRequest.Parse(p, stopOnFailure: false), batch.HandleAsync);
        _routes[BatchRequest.SequenceMethod] = Route(p => BatchRequest.Parse(p, stopOnFailure: true), batch.HandleAsync);
    }

    private RpcRoutes(RpcNode forwardedNode)
    {
        _node = forwardedNode;
        _routes = RecursiveRoutes(forwardedNode);
    }

    /// <summary>The table for requests a swarm peer forwarded: recursive methods only, run locally, never forwarded on.</summary>
    public static RpcRoutes Forwarded(RpcNode forwardedNode) => new(forwardedNode);

    /// <summary>The method names served, sorted.</summary>
    public IEnumerable<string> Methods => _routes.Keys.Order(StringComparer.Ordinal);

    /// <summary>Parses <paramref name="parameters"/> for <paramref name="method"/> and binds the handler, or says why not.</summary>
    public ParseResult<BoundCall> Bind(string method, JsonElement parameters) =>
        _routes.TryGetValue(method, out var route)
            ? route(parameters)
            : RpcError.BadRequest($"unknown method \"{(method.Length <= 40 ? method : method[..40] + "…")}\"; this node serves {string.Join(", ", Methods)} here");

    private Dictionary<string, Func<JsonElement, ParseResult<BoundCall>>> RecursiveRoutes(RpcNode node)
    {
        var store = new StoreHandler(node);
        var deletes = new DeleteHandlers(node);
        var expires = new ExpireHandlers(node);
        return new(StringComparer.Ordinal)
        {
            [StoreRequest.Method] = Recursive(StoreRequest.Method, StoreRequest.Parse, store.HandleAsync),
            [DeleteRequest.Method] = Recursive(DeleteRequest.Method, DeleteRequest.Parse, deletes.DeleteAsync),
            [DeleteAllRequest.Method] = Recursive(DeleteAllRequest.Method, DeleteAllRequest.Parse, deletes.DeleteAllAsync),
            [DeleteBeforeRequest.Method] = Recursive(DeleteBeforeRequest.Method, DeleteBeforeRequest.Parse, deletes.DeleteBeforeAsync),
            [ExpireRequest.Method] = Recursive(ExpireRequest.Method, ExpireRequest.Parse, expires.ExpireAsync),
            [ExpireAllRequest.Method] = Recursive(ExpireAllRequest.Method, ExpireAllRequest.Parse, expires.ExpireAllAsync),
        };
    }

    private Func<JsonElement, ParseResult<BoundCall>> Recursive<T>(
        string method, Func<JsonElement, ParseResult<T>> parse, Func<T, CancellationToken, Task<RpcResult>> handle) where T : class
    {
        if (_replicator is not { } replicator)
            return Route(parse, handle);
        return parameters =>
        {
            var parsed = parse(parameters);
            if (!parsed.IsOk)
                return parsed.Error!;
            var request = parsed.Value!;
            // The client's own params, byte for byte as far as JSON goes: each peer checks the client's signature itself.
            var forward = Encoding.UTF8.GetBytes($"{{\"method\":\"{method}\",\"params\":{parameters.GetRawText()}}}");
            return new BoundCall(async cancellationToken =>
            {
                var local = await handle(request, cancellationToken);
                if (!SwarmResults.ShouldForward(local))
                    return local;
                var peers = await replicator.ForwardAsync(forward, cancellationToken);
                return SwarmResults.Merge(local, _node, peers);
            });
        };
    }

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
