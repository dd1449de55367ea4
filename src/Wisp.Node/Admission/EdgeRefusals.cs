using System.Globalization;
using System.Net.Mime;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Wisp.Node.Admission;

/// <summary>
/// The answers the HTTP edge gives itself, before any endpoint reads a request: Session's storage server's texts and
/// statuses where it has them (<c>server/https.cpp</c>), all <c>text/plain</c>. Wisp-only refusals (a body cut short
/// or too slow) are plain text too, with a sentence the caller can act on. (Session's 400 <c>invalid Content-Length</c>
/// has no counterpart here: Kestrel refuses such a header while parsing, with an empty 400, before any endpoint runs.)
/// </summary>
public static class EdgeRefusals
{
    /// <summary>429 body: Session's reason phrase and a newline.</summary>
    public const string TooManyRequests = "Too Many Requests\n";

    /// <summary>413 body, for a declared or an actual body over the endpoint's cap.</summary>
    public const string BodyTooLarge = "Request body too large";

    /// <summary>503 body when the node buffers too many bodies at once (Session's text when it is overloaded).</summary>
    public const string Busy = "Server busy, try again later";

    /// <summary>503 body while the node shuts down: Session's "not ready" text with its reason.</summary>
    public const string ShuttingDown = "Service node is not ready: shutting down\n";

    /// <summary>500 body for a request the node failed to handle, Session's generic text (the details are only logged).</summary>
    public const string RequestFailed = "request failed";

    /// <summary>The obsolete header Loki clients sent to ask for long polling.</summary>
    public const string LongPollHeader = "X-Loki-Long-Poll";

    /// <summary>410 body for a request that asks for long polling, in Session's words.</summary>
    public const string LongPollGone = "long polling is no longer supported, client upgrade required";

    /// <summary>400 body for a body that ended before its declared length or arrived too slowly (Wisp only).</summary>
    public const string Incomplete = "The request body ended before its declared length, or arrived too slowly. Send the whole body.";

    /// <summary>The 404 body for a route the node does not serve: <c>{METHOD} {URL} Not Found</c>, as Session words it.</summary>
    public static string NotFoundText(string method, string path) => $"{method} {path} Not Found";

    /// <summary>Answers any request no route took: 404 in Session's words.</summary>
    public static Task NotFoundAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return WriteAsync(context, StatusCodes.Status404NotFound, NotFoundText(context.Request.Method, context.Request.Path.Value ?? "/"));
    }

    /// <summary>Answers 429 with <c>Retry-After</c> (whole seconds, at least 1; Wisp's addition to Session's answer).</summary>
    public static Task TooManyAsync(HttpContext context, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return WriteAsync(context, StatusCodes.Status429TooManyRequests, TooManyRequests);
    }

    /// <summary>Writes a plain-text answer.</summary>
    public static Task WriteAsync(HttpContext context, int status, string text)
    {
        ArgumentNullException.ThrowIfNull(context);
        var body = Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = status;
        context.Response.ContentType = MediaTypeNames.Text.Plain;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
