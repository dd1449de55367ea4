using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wisp.Node.Admission;
using Wisp.Node.Metrics;
using Wisp.Node.Rpc;

namespace Wisp.Node.Hosting;

/// <summary>
/// <c>POST /storage_rpc/v1</c> at the HTTP edge: the cheap checks first (<see cref="EdgeAdmission"/>: rate, declared size, bounded read), then the
/// storage RPC on the raw body, then the answer within the node's in-flight budget (<see cref="EdgeAnswers"/>), then
/// counting it. The RPC never sees an oversized or rate-limited request.
/// </summary>
internal static class StorageRpcEndpoint
{
    /// <summary>The route, as Session's storage server names it.</summary>
    public const string Route = "/storage_rpc/v1";

    /// <summary>Every caller takes a rate token; bodies up to <see cref="Limits.MaxRequestBodyBytes"/>; no long polling.</summary>
    private static readonly AdmissionPolicy Admission = new(Limits.MaxRequestBodyBytes, RateLimited: true, RefusesLongPoll: true);

    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var metrics = services.GetRequiredService<NodeMetrics>();
        var logger = services.GetRequiredService<ILogger<NodeMetrics>>();
        var remote = context.Connection.RemoteIpAddress;

        var (body, refused) = await EdgeAdmission.AdmitAsync(context, Admission);
        if (body is null)
        {
            metrics.CountRequest(MethodLabel.Unread, refused);
            return;
        }

        RpcResponse response;
        string method;
        using (body)
        {
            method = MethodLabel.Of(body.Memory.Span);
            var builders = services.GetRequiredService<AnswerBuilders>();
            var building = await builders.EnterAsync(method, body.Memory, context.RequestAborted);
            if (building is null)
            {
                // Refused before it runs: its answer could take more than what is left.
                metrics.CountRequest(method, StatusCodes.Status503ServiceUnavailable);
                await EdgeRefusals.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, EdgeRefusals.Busy);
                return;
            }
            try
            {
                var rpc = services.GetRequiredService<IStorageRpc>();
                response = await rpc.HandleAsync(body.Memory, new RpcCaller(remote?.ToString() ?? "unknown"), context.RequestAborted);
                builders.Built(response.Body.Length);
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
                await EdgeRefusals.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, EdgeRefusals.ShuttingDown);
                return;
            }
            catch (Exception exception)
            {
                NodeLog.RpcFailed(logger, exception, method);
                metrics.CountRequest(method, StatusCodes.Status500InternalServerError);
                await EdgeRefusals.WriteAsync(context, StatusCodes.Status500InternalServerError, EdgeRefusals.RequestFailed);
                return;
            }
            finally
            {
                // Given back once the answer is built (or not): writing it reserves its real size.
                building.Dispose();
            }
        }
        // The request's buffer is given back before the answer goes out: a client slow to read holds only its answer.
        var sent = await EdgeAnswers.WriteAsync(context, response.Status, response.ContentType, response.Body);
        metrics.CountRequest(method, sent);
    }
}
