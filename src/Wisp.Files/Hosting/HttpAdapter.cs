using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Files.Api;
using Wisp.Files.Onion;
using Wisp.Protocol.Files;

namespace Wisp.Files.Hosting;

/// <summary>
/// Every HTTP request: the onion endpoint reads its body (at most an onion request) and answers through
/// <see cref="OnionV4Handler"/>; every other path goes to <see cref="FileApi"/> with the body as a stream. A stored
/// file is streamed out, never read into memory.
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
            context.Response.StatusCode = exception.StatusCode;
            context.Response.ContentType = FileResponse.Json;
            await context.Response.WriteAsync($"{{\"status_code\":{exception.StatusCode}}}", CancellationToken.None);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody to answer.
        }
    }

    private static async Task AnswerAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var request = context.Request;
        var aborted = context.RequestAborted;
        FileResponse response;
        if (request.Path == FileRoutes.OnionV4 && request.Method == HttpMethods.Post)
        {
            var body = await BodyReader.ReadAtMostAsync(ToFileRequest(request), Limits.MaxRequestBodyBytes, aborted);
            response = body is null
                ? Answers.Text(413, "Payload Too Large")
                : await services.GetRequiredService<OnionV4Handler>().HandleAsync(body, aborted);
        }
        else
        {
            response = await services.GetRequiredService<FileApi>().HandleAsync(ToFileRequest(request), aborted);
        }
        using (response)
        {
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType;
            context.Response.ContentLength = response.Length;
            if (response.File is { } file)
                await file.CopyToAsync(context.Response.Body, Limits.CopyBufferBytes, aborted);
            else
                await context.Response.Body.WriteAsync(response.Body, aborted);
        }
    }

    private static FileRequest ToFileRequest(HttpRequest request) => new(
        request.Method,
        request.Path.Value ?? "/",
        name => request.Headers.TryGetValue(name, out var values) ? values.ToString() : null,
        request.Body,
        request.ContentLength);
}
