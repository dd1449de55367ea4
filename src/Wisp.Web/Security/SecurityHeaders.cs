using Microsoft.AspNetCore.Http;

namespace Wisp.Web.Security;

/// <summary>The headers every response carries: a strict Content-Security-Policy and its companions.</summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// Only this origin's own scripts, styles and connections; no frames around the page, no base or form targets
    /// elsewhere. The built page has no inline script or style, so nothing needs 'unsafe-inline'. Images may also be
    /// blob: URLs: attachments and pictures are fetched with the token header and shown through one.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
    }
}
