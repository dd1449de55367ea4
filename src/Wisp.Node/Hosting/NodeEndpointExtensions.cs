using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Wisp.Node.Onion;

namespace Wisp.Node.Hosting;

/// <summary><c>app.MapWispNode()</c>: the node's HTTP routes.</summary>
public static class NodeEndpointExtensions
{
    /// <summary>Maps the storage RPC, <c>/metrics</c> and <c>/status</c>.</summary>
    public static IEndpointRouteBuilder MapWispNode(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(StorageRpcEndpoint.Route, StorageRpcEndpoint.HandleAsync);
        endpoints.MapGet(StatusEndpoints.MetricsRoute, StatusEndpoints.MetricsAsync);
        endpoints.MapGet(StatusEndpoints.StatusRoute, StatusEndpoints.StatusAsync);
        endpoints.MapWispOnion();
        return endpoints;
    }
}
