using Wisp.Community.Api;
using Wisp.Protocol.Community;

namespace Wisp.Community.General;

/// <summary><c>GET /capabilities</c>, <c>POST /batch</c> and <c>POST /sequence</c>.</summary>
internal sealed class GeneralRoutes(CommunityApi api) : IRouteGroup
{
    public void Map(RouteTable routes)
    {
        routes.Get("/capabilities", Capabilities);
        routes.Post("/batch", (context, token) => Batch.AnswerAsync(api, context, sequential: false, token));
        routes.Post("/sequence", (context, token) => Batch.AnswerAsync(api, context, sequential: true, token));
    }

    /// <summary>The sorted capabilities; with <c>?required=a,b</c>, 412 and <c>missing</c> when any is lacking.</summary>
    private static Task<CommunityResponse> Capabilities(RouteContext context, CancellationToken cancellationToken)
    {
        var capabilities = new List<string> { "reactions", "sogs" };
        if (context.Services.Options.RequireBlindKeys)
            capabilities.Add("blind");
        capabilities.Sort(StringComparer.Ordinal);
        if (context.Request.QueryValue("required") is { } required)
        {
            var missing = required.Split(',').Where(capability => !capabilities.Contains(capability)).ToList();
            if (missing.Count > 0)
                return Task.FromResult(Reply.Json(new CapabilitiesReply(capabilities, missing), CommunityJsonContext.Default.CapabilitiesReply, 412));
        }
        return Task.FromResult(Reply.Json(new CapabilitiesReply(capabilities), CommunityJsonContext.Default.CapabilitiesReply));
    }
}
