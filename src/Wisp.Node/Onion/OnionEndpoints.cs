using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wisp.Node.Admission;
using Wisp.Node.Metrics;
using Wisp.Node.NodeLinks;
using Wisp.Protocol.Onion;

namespace Wisp.Node.Onion;

/// <summary><c>app.MapWispOnion()</c>: the onion relay's HTTP route.</summary>
public static class OnionEndpoints
{
    /// <summary>The metrics label of onion requests.</summary>
    public const string MetricsLabel = "onion_req";

    /// <summary>Rate-limited like any client; bodies up to <see cref="OnionLimits.MaxRequestBytes"/> (an onion request may carry a 10 MiB upload).</summary>
    private static readonly AdmissionPolicy Admission = new(OnionLimits.MaxRequestBytes, RateLimited: true);

    /// <summary>Maps <c>POST /onion_req/v2</c>, which takes requests from clients (as a guard) and from other nodes.</summary>
    public static IEndpointRouteBuilder MapWispOnion(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(NodeToNodeClient.Route, HandleAsync);
        return endpoints;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var metrics = services.GetRequiredService<NodeMetrics>();
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

        if (services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested)
        {
            await WriteAsync(context, metrics, NotReady(services));
            return;
        }
        // Onion forwards are not signed, so every caller, node or client, shares the per-address limit.
        var (body, refused) = await EdgeAdmission.AdmitAsync(context, Admission);
        if (body is null)
        {
            metrics.CountRequest(MetricsLabel, refused);
            return;
        }

        using (body)
        {
            OnionReply reply;
            try
            {
                reply = await services.GetRequiredService<OnionRelay>().HandleAsync(body.Memory, remote, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                metrics.CountRequest(MetricsLabel, 499);
                return;
            }
            catch (ObjectDisposedException)
            {
                // The store or a client closed under us: the node is shutting down.
                reply = NotReady(services);
            }
            catch (Exception exception)
            {
                OnionLog.Failed(services.GetRequiredService<ILogger<OnionRelay>>(), exception);
                reply = OnionReply.Plain(StatusCodes.Status500InternalServerError, "Internal error");
            }
            await WriteAsync(context, metrics, reply);
        }
    }

    private static OnionReply NotReady(IServiceProvider services) =>
        OnionReply.Plain(StatusCodes.Status503ServiceUnavailable, OnionErrors.NotReady(services.GetRequiredService<NodeIdentity>().Keys.PublicKey));

    private static Task WriteAsync(HttpContext context, NodeMetrics metrics, OnionReply reply)
    {
        metrics.CountRequest(MetricsLabel, reply.Status);
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        context.Response.ContentLength = reply.Body.Length;
        return context.Response.Body.WriteAsync(reply.Body, context.RequestAborted).AsTask();
    }
}
