using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wisp.Node.Admission;
using Wisp.Node.Metrics;
using Wisp.Protocol.Onion;

namespace Wisp.Node.Onion;

/// <summary><c>app.MapWispOnion()</c>: the onion relay's HTTP route.</summary>
public static class OnionEndpoints
{
    /// <summary>The metrics label of onion requests.</summary>
    public const string MetricsLabel = "onion_req";

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
            await WriteAsync(context, metrics, OnionReply.Plain(StatusCodes.Status503ServiceUnavailable, OnionErrors.NotReady));
            return;
        }
        // Node-to-node requests are not authenticated yet, so every caller shares the per-address limit.
        var decision = services.GetRequiredService<ClientRateLimiter>().TryAcquire(context.Connection.RemoteIpAddress);
        if (!decision.Allowed)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await WriteAsync(context, metrics, OnionReply.Plain(StatusCodes.Status429TooManyRequests, "Too many requests"));
            return;
        }

        // The host caps bodies at the storage RPC's size; an onion request may carry a 10 MiB upload.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
            sizeLimit.MaxRequestBodySize = OnionLimits.MaxRequestBytes;
        var (body, failure) = await RequestBody.ReadAsync(
            context.Request, OnionLimits.MaxRequestBytes, services.GetRequiredService<BodyBudget>(), context.RequestAborted);
        if (body is null)
        {
            context.Response.Headers.Connection = "close";
            await WriteAsync(context, metrics, failure switch
            {
                BodyReadFailure.TooLarge => OnionReply.Plain(StatusCodes.Status413PayloadTooLarge, OnionErrors.TooLarge),
                BodyReadFailure.Busy => OnionReply.Plain(StatusCodes.Status503ServiceUnavailable, OnionErrors.NotReady),
                _ => OnionReply.Plain(StatusCodes.Status400BadRequest, OnionErrors.InvalidRequest),
            });
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
                reply = OnionReply.Plain(StatusCodes.Status503ServiceUnavailable, OnionErrors.NotReady);
            }
            catch (Exception exception)
            {
                OnionLog.Failed(services.GetRequiredService<ILogger<OnionRelay>>(), exception);
                reply = OnionReply.Plain(StatusCodes.Status500InternalServerError, "Internal error");
            }
            await WriteAsync(context, metrics, reply);
        }
    }

    private static Task WriteAsync(HttpContext context, NodeMetrics metrics, OnionReply reply)
    {
        metrics.CountRequest(MetricsLabel, reply.Status);
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        context.Response.ContentLength = reply.Body.Length;
        return context.Response.Body.WriteAsync(reply.Body, context.RequestAborted).AsTask();
    }
}
