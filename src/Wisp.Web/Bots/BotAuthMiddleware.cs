using Microsoft.AspNetCore.Http;
using Wisp.Web.Api;
using Wisp.Web.Security;

namespace Wisp.Web.Bots;

/// <summary>
/// What keeps the bot API to programs on this machine holding the token: a <c>Host</c> of this server (else 421: DNS
/// rebinding), no <c>Origin</c> (a browser page; 403), <c>Authorization: Bearer TOKEN</c> (else 401), and JSON bodies
/// on the calls that take one (else 415). The WebSocket upgrade is a GET and passes the same checks.
/// </summary>
internal sealed class BotAuthMiddleware(RequestDelegate next, LaunchToken token, ServerAddress address)
{
    public async Task InvokeAsync(HttpContext context)
    {
        SecurityHeaders.Apply(context.Response);
        var request = context.Request;
        if (!address.IsOwnHost(request.Host.Value))
        {
            await ApiResults.Error(StatusCodes.Status421MisdirectedRequest, "this server answers only to 127.0.0.1 or localhost on its own port.").ExecuteAsync(context);
            return;
        }
        if (request.Headers.Origin.Count > 0)
        {
            await ApiResults.Error(StatusCodes.Status403Forbidden, "the bot API takes no requests from web pages (an Origin header was sent).").ExecuteAsync(context);
            return;
        }
        var presented = request.Headers.Authorization;
        if (presented.Count != 1 || presented[0] is not { } header || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || !token.Matches(header["Bearer ".Length..].Trim()))
        {
            await ApiResults.Error(StatusCodes.Status401Unauthorized,
                "missing or wrong bot token: send Authorization: Bearer <the token in the token file>.").ExecuteAsync(context);
            return;
        }
        if (HttpMethods.IsPost(request.Method) && !IsJson(request.ContentType))
        {
            await ApiResults.Error(StatusCodes.Status415UnsupportedMediaType, "send Content-Type: application/json.").ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
