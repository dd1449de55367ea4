using Microsoft.AspNetCore.Http;
using Wisp.Protocol.Rpc;

namespace Wisp.Node.Hosting;

/// <summary>
/// <c>GET /get_stats/v1</c>: Session's deprecated version query, which its storage server still answers (without the
/// readiness check or rate limit of the RPC routes): 200 <c>{"version": "2.8.0"}</c>, the version <c>info</c> reports.
/// </summary>
internal static class GetStatsEndpoint
{
    private static readonly byte[] Body = RpcJson.Serialize(GetStatsResponse.Current);

    public static Task HandleAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = RpcContentTypes.Json;
        context.Response.ContentLength = Body.Length;
        return context.Response.Body.WriteAsync(Body, context.RequestAborted).AsTask();
    }
}
