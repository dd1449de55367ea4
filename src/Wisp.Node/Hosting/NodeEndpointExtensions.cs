using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Wisp.Node.Admission;
using Wisp.Node.Monitor;
using Wisp.Node.Onion;
using Wisp.Node.Peers;
using Wisp.Node.Swarm;

namespace Wisp.Node.Hosting;

/// <summary><c>app.MapWispNode()</c>: the node's HTTP routes.</summary>
public static class NodeEndpointExtensions
{
    /// <summary>
    /// Maps the storage RPC, Session's <c>/get_stats/v1</c>, <c>/metrics</c>, <c>/status</c>, the onion relay, (in a network)
    /// the node-to-node routes, and Session's 404 for every other request.
    /// </summary>
    public static IEndpointRouteBuilder MapWispNode(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(StorageRpcEndpoint.Route, StorageRpcEndpoint.HandleAsync);
        endpoints.MapGet(Protocol.Rpc.GetStatsResponse.Route, GetStatsEndpoint.HandleAsync);
        endpoints.MapGet(StatusEndpoints.MetricsRoute, StatusEndpoints.MetricsAsync);
        endpoints.MapGet(StatusEndpoints.StatusRoute, StatusEndpoints.StatusAsync);
        endpoints.MapWispOnion();
        endpoints.MapWispMonitor();
        // Node-to-node routes exist only on a node that follows a registry: without one no caller can be authenticated.
        if (endpoints.ServiceProvider.GetService(typeof(Network.Registry.INodeRegistry)) is not null)
        {
            endpoints.MapWispSwarm();
            endpoints.MapWispPeerTests();
            // quorum members' votes, on a node that votes (a staked registry on a chain).
            if (endpoints.ServiceProvider.GetService(typeof(Obligations.ObligationService)) is not null)
                Obligations.ObligationExtensions.MapWispObligations(endpoints);
        }
        endpoints.MapFallback(EdgeRefusals.NotFoundAsync);
        return endpoints;
    }
}
