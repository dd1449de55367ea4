using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Wisp.Web.Api;

/// <summary>
/// A decrypted file streamed to the page: its type only when it is an image the page shows (anything else is
/// <c>application/octet-stream</c>, so a received HTML or SVG file can never run as this origin's page), always a
/// <c>Content-Disposition</c> with the name (UTF-8 safe), never cached.
/// </summary>
internal sealed class FileResponse(Stream content, string name, string contentType, long? length, bool inline) : IResult
{
    /// <summary>The Content-Disposition value for <paramref name="name"/>: inline only for a shown image.</summary>
    public static string Disposition(string name, bool inline)
    {
        var header = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        header.SetHttpFileName(name);
        return header.ToString();
    }

    public async Task ExecuteAsync(HttpContext context)
    {
        await using var source = content;
        var image = ImageTypes.IsImage(contentType);
        var response = context.Response;
        response.ContentType = image ? contentType : "application/octet-stream";
        response.Headers.ContentDisposition = Disposition(name, inline && image);
        response.Headers.CacheControl = "no-store";
        if (length is { } known)
            response.ContentLength = known;
        await source.CopyToAsync(response.Body, 81_920, context.RequestAborted);
    }
}
