using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;
using Wisp.Node.Admission;
using Wisp.Node.Hosting;
using Wisp.Node.Metrics;

namespace Wisp.Node.Swarm;

/// <summary>
/// <c>app.MapWispSwarm()</c>: the node-to-node routes under <c>/swarm/v1/</c>. Each request is authenticated before it
/// is served (<see cref="PeerAuthentication"/>): the cheap header checks and the registry lookup first, then the
/// bounded body read, then the signature. Authenticated nodes are not subject to the per-IP client rate limit.
/// </summary>
public static class SwarmEndpoints
{
    /// <summary>The metrics label of node-to-node requests.</summary>
    public const string MetricsLabel = "swarm";

    /// <summary>A served node-to-node request: who sent it (already authenticated) and its body.</summary>
    public sealed record PeerRequest(Ed25519PublicKey From, RegistrySnapshot Registry, ReadOnlyMemory<byte> Body, string RemoteAddress);

    /// <summary>Maps forward-batch, sync, fetch, push and check.</summary>
    public static IEndpointRouteBuilder MapWispSwarm(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        Map(endpoints, SwarmReplicator.ForwardBatchRoute, (s, r, ct) => s.GetRequiredService<ForwardBatchHandler>().HandleAsync(r, ct));
        Map(endpoints, SwarmTransferHandlers.SyncRoute, (s, r, ct) => s.GetRequiredService<SwarmTransferHandlers>().SyncAsync(r, ct));
        Map(endpoints, SwarmTransferHandlers.FetchRoute, (s, r, ct) => s.GetRequiredService<SwarmTransferHandlers>().FetchAsync(r, ct));
        Map(endpoints, SwarmTransferHandlers.PushRoute, (s, r, ct) => s.GetRequiredService<SwarmTransferHandlers>().PushAsync(r, ct));
        Map(endpoints, Peers.StorageCheck.Route, (s, r, ct) => s.GetRequiredService<Peers.StorageCheck>().AnswerAsync(r, ct));
        return endpoints;
    }

    private static void Map(IEndpointRouteBuilder endpoints, string route, Func<IServiceProvider, PeerRequest, CancellationToken, Task<PeerAnswer>> handle)
    {
        RequestDelegate serve = context => ServeAsync(context, handle);
        endpoints.MapPost(route, serve);
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

        var identified = PeerAuthentication.Identify(context.Request.Headers, registry);
        if (!identified.IsAccepted)
        {
            await RefuseAsync(context, metrics, logger, identified, remote);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
            sizeLimit.MaxRequestBodySize = ReplicationLimits.MaxPeerBodyBytes;
        var (body, failure) = await RequestBody.ReadAsync(
            context.Request, ReplicationLimits.MaxPeerBodyBytes, services.GetRequiredService<BodyBudget>(), context.RequestAborted);
        if (body is null)
        {
            context.Response.Headers.Connection = "close";
            var status = failure switch
            {
                BodyReadFailure.TooLarge => StatusCodes.Status413PayloadTooLarge,
                BodyReadFailure.Busy => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status400BadRequest,
            };
            metrics.CountRequest(MetricsLabel, status);
            await HttpErrors.WriteAsync(context, status, $"the request body could not be read ({failure})");
            return;
        }
        using (body)
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeMilliseconds();
            if (PeerAuthentication.Verify(identified, HttpMethods.Post, path, body.Memory.Span, now) is { } refused)
            {
                await RefuseAsync(context, metrics, logger, refused, remote);
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
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = answer.Body.Length;
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
        }
    }

    private static Task RefuseAsync(HttpContext context, NodeMetrics metrics, ILogger logger, PeerCheck refused, string remote)
    {
        SwarmLog.PeerRefused(logger, remote, refused.Status, refused.Reason ?? "");
        metrics.CountRequest(MetricsLabel, refused.Status);
        return HttpErrors.WriteAsync(context, refused.Status, refused.Reason ?? "refused");
    }
}

/// <summary>A node-to-node answer: status and JSON body.</summary>
public sealed record PeerAnswer(int Status, byte[] Body)
{
    /// <summary>An error in the node's usual error shape.</summary>
    public static PeerAnswer Error(int status, string message) => new(status, HttpErrors.Body(status, message));
}
