using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wisp.Node.Admission;
using Wisp.Node.Metrics;
using Wisp.Node.Rpc;

namespace Wisp.Node.Hosting;

/// <summary>
/// <c>POST /storage_rpc/v1</c> at the HTTP edge: the cheap checks first (rate, declared size, bounded read), then the
/// storage RPC on the raw body, then counting the answer. The RPC never sees an oversized or rate-limited request.
/// </summary>
internal static class StorageRpcEndpoint
{
    /// <summary>The route, as Session's storage server names it.</summary>
    public const string Route = "/storage_rpc/v1";

    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var metrics = services.GetRequiredService<NodeMetrics>();
        var logger = services.GetRequiredService<ILogger<NodeMetrics>>();
        var remote = context.Connection.RemoteIpAddress;

        var decision = services.GetRequiredService<ClientRateLimiter>().TryAcquire(remote);
        if (!decision.Allowed)
        {
            NodeLog.RateLimited(logger, remote?.ToString() ?? "unknown");
            var seconds = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await RefuseAsync(context, metrics, StatusCodes.Status429TooManyRequests,
                $"Too many requests from your address; this node allows {RateText(services)}. Retry after {seconds} s.");
            return;
        }

        var (body, failure) = await RequestBody.ReadAsync(
            context.Request, Limits.MaxRequestBodyBytes, services.GetRequiredService<BodyBudget>(), context.RequestAborted);
        if (body is null)
        {
            NodeLog.BodyRefused(logger, remote?.ToString() ?? "unknown", failure);
            var (status, message) = failure switch
            {
                BodyReadFailure.TooLarge => (StatusCodes.Status413PayloadTooLarge,
                    $"The request body is larger than {Limits.MaxRequestBodyBytes} bytes, the most a storage request needs "
                    + "(a batch of 20 stores of the largest message). Send fewer or smaller messages per request."),
                BodyReadFailure.Busy => (StatusCodes.Status503ServiceUnavailable,
                    "The node is receiving too many large requests right now. Retry in a few seconds."),
                _ => (StatusCodes.Status400BadRequest,
                    "The request body ended before its declared length, or arrived too slowly. Send the whole body."),
            };
            await RefuseAsync(context, metrics, status, message);
            return;
        }

        using (body)
        {
            var method = MethodLabel.Of(body.Memory.Span);
            RpcResponse response;
            try
            {
                var rpc = services.GetRequiredService<IStorageRpc>();
                response = await rpc.HandleAsync(body.Memory, new RpcCaller(remote?.ToString() ?? "unknown"), context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away; nobody is left to answer.
                metrics.CountRequest(method, 499);
                return;
            }
            catch (ObjectDisposedException)
            {
                // The store closed under us: the node is shutting down.
                metrics.CountRequest(method, StatusCodes.Status503ServiceUnavailable);
                await HttpErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "The node is shutting down. Retry on another node.");
                return;
            }
            catch (Exception exception)
            {
                NodeLog.RpcFailed(logger, exception, method);
                metrics.CountRequest(method, StatusCodes.Status500InternalServerError);
                await HttpErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, "The node failed to handle this request.");
                return;
            }
            metrics.CountRequest(method, response.Status);
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType;
            context.Response.ContentLength = response.Body.Length;
            await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
        }
    }

    private static Task RefuseAsync(HttpContext context, NodeMetrics metrics, int status, string message)
    {
        metrics.CountRequest(MethodLabel.Unread, status);
        // The unread body is not worth draining; closing the connection frees its buffers sooner.
        if (status != StatusCodes.Status429TooManyRequests) context.Response.Headers.Connection = "close";
        return HttpErrors.WriteAsync(context, status, message);
    }

    private static string RateText(IServiceProvider services)
    {
        var options = services.GetRequiredService<NodeOptions>();
        return string.Create(CultureInfo.InvariantCulture,
            $"{options.RateLimitPerSecond:0.#} requests per second with bursts of {options.RateLimitBurst}");
    }
}
