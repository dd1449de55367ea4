using Microsoft.AspNetCore.Http;

namespace Wisp.Web.Security;

/// <summary>
/// The only calls whose body is not JSON: a file's bytes sent to a chat, and a profile picture. They take
/// <c>application/octet-stream</c> (a cross-site form can send only urlencoded, multipart or text/plain) and a body
/// larger than the API's 64 KiB, raised per request by <see cref="Api.UploadBody"/>.
/// </summary>
internal static class UploadRoutes
{
    /// <summary>True for <c>POST /api/conversations/{peer}/attachments</c>, <c>POST /api/groups/{id}/attachments</c>, <c>PUT /api/account/picture</c>, <c>PUT /api/groups/{id}/picture</c>.</summary>
    public static bool Takes(string method, string path)
    {
        // Routing ignores letter case; so does this.
        var parts = path.ToLowerInvariant().Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (HttpMethods.IsPost(method))
            return parts is ["api", "conversations" or "groups", _, "attachments"];
        if (HttpMethods.IsPut(method))
            return parts is ["api", "account", "picture"] or ["api", "groups", _, "picture"];
        return false;
    }
}
