using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wisp.Protocol.Push;
using Wisp.Push.Api;
using Wisp.Push.Onion;

namespace Wisp.Push.Hosting;

/// <summary>
/// Every HTTP request: the body is read up to its bound (a request over it gets SPNS's "too large" reply, or 413 on
/// the onion endpoint), then the onion endpoint answers through <see cref="OnionV4Handler"/> and every other path
/// through <see cref="PushApi"/>. A failure is logged and answered with a bare 500.
/// </summary>
internal static partial class HttpAdapter
{
    public static async Task HandleAsync(HttpContext context)
    {
        try
        {
            var response = await AnswerAsync(context);
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType;
            context.Response.ContentLength = response.Body.Length;
            await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            context.Response.StatusCode = exception.StatusCode;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody to answer.
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Failed(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Wisp.Push"), exception);
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }
            context.Response.StatusCode = 500;
        }
    }

    private static async Task<PushResponse> AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        var services = context.RequestServices;
        var onion = request.Path == PushRoutes.OnionV4;
        if (onion && request.Method != HttpMethods.Post)
            return PushResponse.Text(405, "Method Not Allowed");
        var bound = onion ? Limits.MaxRequestBodyBytes : PushLimits.MaxRequestBytes;
        if (request.ContentLength > bound)
            return onion ? PushResponse.Text(413, "Payload Too Large") : PushApi.TooLarge();
        byte[]? body = null;
        if (request.ContentLength is not null || request.Headers.TransferEncoding.Count > 0)
        {
            body = await ReadAtMostAsync(request.Body, bound, context.RequestAborted);
            if (body is null)
                return onion ? PushResponse.Text(413, "Payload Too Large") : PushApi.TooLarge();
        }
        if (onion)
            return await services.GetRequiredService<OnionV4Handler>().HandleAsync(body ?? [], context.RequestAborted);
        return services.GetRequiredService<PushApi>().Handle(request.Method, request.Path.Value ?? "/", body);
    }

    /// <summary>The whole body, or null when it is longer than <paramref name="bound"/> bytes.</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream body, int bound, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > bound) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A request failed")]
    private static partial void Failed(ILogger logger, Exception exception);
}
