using System.Text.Json;
using Microsoft.Extensions.Logging;
using Wisp.Protocol.Rpc;

namespace Wisp.Node.Rpc;

/// <summary>
/// A parsed request bound to its handler, ready to run. <paramref name="localDone"/>, when given, is called once this
/// node's own part of a recursive request is done (the swarm peers may still be answering); other requests are done
/// when their task is.
/// </summary>
internal delegate Task<RpcReply> BoundCall(CancellationToken cancellationToken, Action? localDone = null);

/// <summary>
/// The route table: every storage RPC method name, the parser of its params and the handler that serves it. Binding
/// parses; running handles — so a batch can check all its subrequests before running any. Recursive methods (store,
/// delete, delete_all, delete_before, expire, expire_all, revoke_subaccount, unrevoke_subaccount) go on to the swarm
/// peers through the <see cref="ISwarmReplicator"/> when a client called; when a peer forwarded them they answer this
/// node's own entry. Meta methods (batch, sequence, ifelse) nest other requests.
/// </summary>
internal sealed class RpcRoutes
{
    private readonly Dictionary<string, Route> _routes = new(StringComparer.Ordinal);

    public RpcRoutes(RpcNode node, ISwarmReplicator? replicator, ILogger logger)
    {
        var recursion = new Recursion(node, replicator);
        var store = new StoreHandler(node, recursion, logger);
        var retrieve = new RetrieveHandler(node, logger);
        var deletes = new DeleteHandlers(node, recursion);
        var expires = new ExpireHandlers(node, recursion);
        var revokes = new RevokeHandlers(node, recursion);
        var swarm = new SwarmHandlers(node);
        var oxend = new OxendHandler(node);
        var meta = new MetaHandlers(node, this);

        Recursive(StoreRequest.Method, StoreRequest.Parse, store.HandleAsync);
        _routes[RetrieveRequest.Method] = new Route(RouteKind.Plain, (call, caller) =>
        {
            // The one method that needs its caller: waiting places are shared per address and account.
            var parsed = RetrieveRequest.Parse(call.Params);
            if (parsed.Value is not { } request)
                return parsed.Error!;
            return new BoundCall((token, _) => retrieve.HandleAsync(request, caller, token));
        });
        Recursive(DeleteRequest.Method, DeleteRequest.Parse, deletes.DeleteAsync);
        Recursive(DeleteAllRequest.Method, DeleteAllRequest.Parse, deletes.DeleteAllAsync);
        Recursive(DeleteBeforeRequest.Method, DeleteBeforeRequest.Parse, deletes.DeleteBeforeAsync);
        Recursive(ExpireRequest.Method, ExpireRequest.Parse, expires.ExpireAsync);
        Recursive(ExpireAllRequest.Method, ExpireAllRequest.Parse, expires.ExpireAllAsync);
        Plain(GetExpiriesRequest.Method, GetExpiriesRequest.Parse, expires.GetExpiriesAsync);
        Recursive(RevokeSubaccountRequest.RevokeMethod, RevokeSubaccountRequest.ParseRevoke, revokes.HandleAsync);
        Recursive(RevokeSubaccountRequest.UnrevokeMethod, RevokeSubaccountRequest.ParseUnrevoke, revokes.HandleAsync);
        Plain(GetSwarmRequest.Method, GetSwarmRequest.Parse, swarm.GetSwarmAsync);
        Plain(GetSwarmRequest.LegacyMethod, GetSwarmRequest.Parse, swarm.GetSwarmAsync);
        Plain(InfoRequest.Method, InfoRequest.Parse, swarm.InfoAsync);
        Plain(OxendRequest.Method, OxendRequest.Parse, oxend.HandleAsync);
        _routes[BatchRequest.BatchMethod] = new Route(RouteKind.Meta, (call, caller) => meta.BindBatch(call, caller, stopOnFailure: false));
        _routes[BatchRequest.SequenceMethod] = new Route(RouteKind.Meta, (call, caller) => meta.BindBatch(call, caller, stopOnFailure: true));
        _routes[IfElseRequest.Method] = new Route(RouteKind.Meta, (call, caller) => meta.BindIfElse(call, caller));
    }

    /// <summary>True when <paramref name="method"/> is served.</summary>
    public bool Serves(string method) => _routes.ContainsKey(method);

    /// <summary>True for a method a swarm peer may forward (Session's recursive requests).</summary>
    public bool IsRecursive(string method) => _routes.TryGetValue(method, out var route) && route.Kind == RouteKind.Recursive;

    /// <summary>True for batch, sequence and ifelse.</summary>
    public bool IsMeta(string method) => _routes.TryGetValue(method, out var route) && route.Kind == RouteKind.Meta;

    /// <summary>
    /// Parses the params of a served method and binds its handler for <paramref name="caller"/> (forwarded when a swarm
    /// peer sent it), or gives the parse error (Session's text, unprefixed).
    /// </summary>
    public ParseResult<BoundCall> Bind(RpcCall call, RpcCaller caller) => _routes[call.Method].Bind(call, caller);

    private void Plain<T>(string method, Func<JsonElement, ParseResult<T>> parse, Func<T, CancellationToken, Task<RpcReply>> handle)
        where T : class =>
        _routes[method] = new Route(RouteKind.Plain, (call, _) =>
        {
            var parsed = parse(call.Params);
            if (parsed.Value is not { } request)
                return parsed.Error!;
            return new BoundCall((token, _) => handle(request, token));
        });

    private void Recursive<T>(
        string method, Func<JsonElement, ParseResult<T>> parse, Func<T, RpcInvocation, CancellationToken, Task<RpcReply>> handle)
        where T : class =>
        _routes[method] = new Route(RouteKind.Recursive, (call, caller) =>
        {
            var parsed = parse(call.Params);
            if (parsed.Value is not { } request)
                return parsed.Error!;
            var invocation = new RpcInvocation(call, caller.ForwardedBy is not null);
            return new BoundCall((token, localDone) => handle(request, invocation with { LocalDone = localDone }, token));
        });

    private enum RouteKind { Plain, Recursive, Meta }

    private sealed record Route(RouteKind Kind, Func<RpcCall, RpcCaller, ParseResult<BoundCall>> Bind);
}
