using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wisp.Community.Api;
using Wisp.Community.Onion;

namespace Wisp.Community.Hosting;

/// <summary>
/// Every HTTP request: the body is read whole (bounded by Kestrel's limit), the onion endpoint answers through
/// <see cref="CommunityOnion"/>, every other path through <see cref="CommunityApi"/>. A failure is logged and answered
/// with werkzeug's 500 page, as a Flask app would.
/// </summary>
internal static class HttpAdapter
{
    public static async Task HandleAsync(HttpContext context)
    {
        try
        {
            await AnswerAsync(context);
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            // Kestrel's own refusals while the body is read: too large (413), cut short or malformed (400).
            await WriteAsync(context, Reply.Status(exception.StatusCode), CancellationToken.None);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody to answer.
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            HttpAdapterLog.Failed(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Wisp.Community"), exception);
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }
            await WriteAsync(context, Reply.Status(500), CancellationToken.None);
        }
    }

    private static async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        var aborted = context.RequestAborted;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, aborted);
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        CommunityResponse response;
        if (request.Path == CommunityOnion.Path && request.Method == HttpMethods.Post)
        {
            response = await context.RequestServices.GetRequiredService<CommunityOnion>().HandleAsync(body, aborted);
        }
        else if (CommunityOnion.V3Paths.Contains(request.Path.Value ?? "") && request.Method == HttpMethods.Post)
        {
            response = await context.RequestServices.GetRequiredService<CommunityOnion>().HandleV3Async(body, aborted);
        }
        else
        {
            // Kestrel has already percent-decoded Path (as Flask's request.path is), which is what pysogs signs.
            var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
            var inner = new CommunityRequest(request.Method, request.Path.Value ?? "/", query,
                name => request.Headers.TryGetValue(name, out var values) ? values.ToString() : null, body);
            response = await context.RequestServices.GetRequiredService<CommunityApi>().HandleAsync(inner, aborted);
        }
        await WriteAsync(context, response, aborted);
    }

    private static async Task WriteAsync(HttpContext context, CommunityResponse response, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = response.Status;
        if (response.Status == 304)
            return; // Not Modified (a DM poll with nothing new) has no body and no content headers
        context.Response.ContentType = response.ContentType;
        foreach (var (name, value) in response.ExtraHeaders ?? new Dictionary<string, string>())
            context.Response.Headers[name] = value;
        context.Response.ContentLength = response.Body.Length;
        await context.Response.Body.WriteAsync(response.Body, cancellationToken);
    }
}

internal static partial class HttpAdapterLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "A request failed")]
    public static partial void Failed(ILogger logger, Exception exception);
}
