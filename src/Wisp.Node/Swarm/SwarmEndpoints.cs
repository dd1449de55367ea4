using System.Net.Mime;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;
using Wisp.Node.Admission;
using Wisp.Node.Metrics;
using Wisp.Node.NodeLinks;
using Wisp.Protocol.Peering;

namespace Wisp.Node.Swarm;

/// <summary>
/// <c>app.MapWispSwarm()</c>: the node-to-node routes under <c>/swarm/v1/</c>, and <see cref="MapPeerRoute"/> for
/// other folders' node-to-node routes. Each request is authenticated before it is served
/// (<see cref="PeerAuthentication"/>): the cheap header checks (fresh timestamp, well-formed nonce), the registry lookup
/// and the calling node's rate (<see cref="PeerGate"/>) first, then the bounded body read (<see cref="EdgeAdmission"/>),
/// then the signature (for this node, this target) and the replay cache. Authenticated nodes are not subject to the
/// per-IP client rate; they have their own.
/// </summary>
public static class SwarmEndpoints
{
    /// <summary>The metrics label of node-to-node requests.</summary>
    public const string MetricsLabel = "swarm";

    /// <summary>No per-address rate (callers are authenticated nodes first); bodies up to <see cref="NodeLinkLimits.MaxPeerBodyBytes"/>.</summary>
    private static readonly AdmissionPolicy Admission = new(NodeLinkLimits.MaxPeerBodyBytes, RateLimited: false);

    /// <summary>A served node-to-node request: who sent it (already authenticated) and its body.</summary>
    public sealed record PeerRequest(Ed25519PublicKey From, RegistrySnapshot Registry, ReadOnlyMemory<byte> Body, string RemoteAddress);

    /// <summary>Maps forward-batch, sync, fetch and push.</summary>
    public static IEndpointRouteBuilder MapWispSwarm(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPeerRoute(SwarmReplicator.ForwardBatchRoute, (s, r, ct) => s.GetRequiredService<ForwardBatchHandler>().HandleAsync(r, ct));
        endpoints.MapPeerRoute(SyncRequest.Route, (s, r, ct) => s.GetRequiredService<SwarmTransferHandlers>().SyncAsync(r, ct));
        endpoints.MapPeerRoute(FetchRequest.Route, (s, r, ct) => s.GetRequiredService<SwarmTransferHandlers>().FetchAsync(r, ct));
        endpoints.MapPeerRoute(PushRequest.Route, (s, r, ct) => s.GetRequiredService<SwarmTransferHandlers>().PushAsync(r, ct));
        return endpoints;
    }

    /// <summary>Maps <c>POST <paramref name="route"/></c> for authenticated nodes of the registry, served by <paramref name="handle"/>.</summary>
    public static IEndpointRouteBuilder MapPeerRoute(
        this IEndpointRouteBuilder endpoints, string route, Func<IServiceProvider, PeerRequest, CancellationToken, Task<PeerAnswer>> handle)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(handle);
        endpoints.MapPost(route, context => ServeAsync(context, handle));
        return endpoints;
    }

    private static async Task ServeAsync(
        HttpContext context, Func<IServiceProvider, PeerRequest, CancellationToken, Task<PeerAnswer>> handle)
    {
        var services = context.RequestServices;
        var metrics = services.GetRequiredService<NodeMetrics>();
        var logger = services.GetRequiredService<ILogger<SwarmReplicator>>();
        var registry = services.GetRequiredService<INodeRegistry>().Current;
        var path = context.Request.Path.Value ?? "";
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

        var time = services.GetRequiredService<TimeProvider>();
        var gate = services.GetRequiredService<PeerGate>();
        // Before the body: who claims to call, whether it is a node of the registry, whether the headers are fresh,
        // and whether that node has requests left.
        var identified = PeerAuthentication.Identify(context.Request.Headers, registry, time.GetUtcNow().ToUnixTimeMilliseconds());
        if ((identified.IsAccepted ? gate.RateRefusal(identified.Node!) : identified) is { } early)
        {
            await RefuseAsync(context, metrics, logger, early, remote);
            return;
        }
        var (body, refused) = await EdgeAdmission.AdmitAsync(context, Admission);
        if (body is null)
        {
            metrics.CountRequest(MetricsLabel, refused);
            return;
        }
        using (body)
        {
            // The signature covers the target exactly as sent (path and query) and names this node as the receiver.
            var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? path + context.Request.QueryString;
            var self = services.GetRequiredService<NodeIdentity>().Keys.PublicKey;
            if ((PeerAuthentication.Verify(identified, HttpMethods.Post, self, target, body.Memory.Span) ?? gate.Admit(identified)) is { } unverified)
            {
                await RefuseAsync(context, metrics, logger, unverified, remote);
                return;
            }
            PeerAnswer answer;
            try
            {
                answer = await handle(services, new PeerRequest(identified.Node!, registry, body.Memory, remote), context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                metrics.CountRequest(MetricsLabel, 499);
                return;
            }
            catch (ObjectDisposedException)
            {
                answer = PeerAnswer.Error(StatusCodes.Status503ServiceUnavailable, "the node is shutting down");
            }
            catch (Exception exception)
            {
                SwarmLog.PeerRequestFailed(logger, exception, path);
                answer = PeerAnswer.Error(StatusCodes.Status500InternalServerError, "the node failed to handle this request");
            }
            metrics.CountRequest(MetricsLabel, answer.Status);
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            context.Response.ContentLength = answer.Body.Length;
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
        }
    }

    private static Task RefuseAsync(HttpContext context, NodeMetrics metrics, ILogger logger, PeerCheck refused, string remote)
    {
        SwarmLog.PeerRefused(logger, remote, refused.Status, refused.Reason ?? "");
        metrics.CountRequest(MetricsLabel, refused.Status);
        return EdgeRefusals.WriteAsync(context, refused.Status, refused.Reason ?? "refused");
    }
}

/// <summary>A node-to-node answer: status, body and its content type (a record's JSON, or an error's plain text).</summary>
public sealed record PeerAnswer(int Status, byte[] Body, string ContentType = MediaTypeNames.Application.Json)
{
    /// <summary>200 with a record's JSON.</summary>
    public static PeerAnswer Json(byte[] body) => new(StatusCodes.Status200OK, body);

    /// <summary>An error: the status and a plain-text sentence saying what was wrong.</summary>
    public static PeerAnswer Error(int status, string message) => new(status, Encoding.UTF8.GetBytes(message), MediaTypeNames.Text.Plain);
}
