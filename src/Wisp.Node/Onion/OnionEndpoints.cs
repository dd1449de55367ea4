using System.Buffers;
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

    /// <summary>
    /// Rate-limited, per client address or (for a registry node that proves it relays) per node; bodies up to
    /// <see cref="OnionLimits.MaxRequestBytes"/> (an onion request may carry a 10 MiB upload).
    /// </summary>
    private static readonly AdmissionPolicy Admission = new(OnionLimits.MaxRequestBytes, RateLimited: true, AcceptsRelays: true);

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
        var (body, refused) = await EdgeAdmission.AdmitAsync(context, Admission);
        if (body is null)
        {
            metrics.CountRequest(MetricsLabel, refused);
            return;
        }

        OnionReply reply;
        using (body)
        {
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
        }
        // The request's buffer is given back first: while the answer goes out only the answer is held.
        await WriteAsync(context, metrics, reply);
    }

    private static OnionReply NotReady(IServiceProvider services) =>
        OnionReply.Plain(StatusCodes.Status503ServiceUnavailable, OnionErrors.NotReady(services.GetRequiredService<NodeIdentity>().Keys.PublicKey));

    private static async Task WriteAsync(HttpContext context, NodeMetrics metrics, OnionReply reply)
    {
        if (reply.Relayed is null)
        {
            metrics.CountRequest(MetricsLabel, await EdgeAnswers.WriteAsync(context, reply.Status, reply.ContentType, reply.Body));
            return;
        }
        using var relayed = reply.Relayed;
        using var lease = context.RequestServices.GetRequiredService<BodyBudget>().TryLease(Limits.ResponseChunkBytes);
        if (lease is null)
        {
            metrics.CountRequest(MetricsLabel, StatusCodes.Status503ServiceUnavailable);
            await EdgeRefusals.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, EdgeRefusals.Busy);
            return;
        }
        metrics.CountRequest(MetricsLabel, relayed.Status);
        context.Response.StatusCode = relayed.Status;
        context.Response.ContentType = relayed.ContentType;
        context.Response.ContentLength = relayed.ContentLength;
        var buffer = ArrayPool<byte>.Shared.Rent(Limits.ResponseChunkBytes);
        try
        {
            var result = await relayed.CopyToAsync(
                context.Response.Body, buffer.AsMemory(0, Limits.ResponseChunkBytes), OnionRelayLimits.MaxRelayedResponseBytes, context.RequestAborted);
            // The status is already sent: an answer cut short upstream (or grown too large) can only be cut short here too.
            if (result != RelayCopyResult.Complete)
            {
                OnionLog.RelayCut(context.RequestServices.GetRequiredService<ILogger<OnionRelay>>(), result);
                context.Abort();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
