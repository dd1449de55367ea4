using Microsoft.AspNetCore.Http;
using Wisp.Web.Api;

namespace Wisp.Web.Security;

/// <summary>
/// What keeps the app to this machine and this page. Every request: the security headers, and a <c>Host</c> of
/// <c>127.0.0.1:PORT</c> or <c>localhost:PORT</c> (anything else is another name pointing here — DNS rebinding — and
/// gets 421). Every <c>/api</c> request besides: an <c>Origin</c>, when present, of this server (else 403), the launch
/// token in <c>X-Wisp-Token</c> (else 401), and for methods that change state a JSON content type (else 415), which a
/// cross-site form cannot send without a preflight this server never grants. The upload routes
/// (<see cref="UploadRoutes"/>) take <c>application/octet-stream</c> instead, which a form cannot send either.
/// </summary>
internal sealed class LocalOnlyMiddleware(RequestDelegate next, LaunchToken token, ServerAddress address)
{
    /// <summary>The header the page sends the token in.</summary>
    public const string TokenHeader = "X-Wisp-Token";

    public async Task InvokeAsync(HttpContext context)
    {
        SecurityHeaders.Apply(context.Response);
        var request = context.Request;
        if (!address.IsOwnHost(request.Host.Value))
        {
            await ApiResults.Error(StatusCodes.Status421MisdirectedRequest, "this server answers only to 127.0.0.1 or localhost on its own port.").ExecuteAsync(context);
            return;
        }
        // In any letter case: routing matches /API/… to the API too, so the checks must cover it.
        if (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            var origin = request.Headers.Origin;
            if (origin.Count > 0 && (origin.Count > 1 || !address.IsOwnOrigin(origin[0])))
            {
                await ApiResults.Error(StatusCodes.Status403Forbidden, "requests from another site are refused.").ExecuteAsync(context);
                return;
            }
            var presented = request.Headers[TokenHeader];
            if (presented.Count != 1 || !token.Matches(presented[0]))
            {
                await ApiResults.Error(StatusCodes.Status401Unauthorized,
                    "missing or wrong launch token: open the URL `wisp web` printed (it holds the token after #token=).").ExecuteAsync(context);
                return;
            }
            if (ChangesState(request.Method))
            {
                var upload = UploadRoutes.Takes(request.Method, request.Path.Value!);
                if (upload && !IsType(request.ContentType, "application/octet-stream"))
                {
                    await ApiResults.Error(StatusCodes.Status415UnsupportedMediaType, "send the file's bytes with Content-Type: application/octet-stream.").ExecuteAsync(context);
                    return;
                }
                if (!upload && !IsType(request.ContentType, "application/json"))
                {
                    await ApiResults.Error(StatusCodes.Status415UnsupportedMediaType, "send Content-Type: application/json.").ExecuteAsync(context);
                    return;
                }
            }
        }
        await next(context);
    }

    private static bool ChangesState(string method) => !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method));

    private static bool IsType(string? contentType, string wanted) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals(wanted, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The address the server listens on, and what a request from its own page carries as Host and Origin.</summary>
internal sealed class ServerAddress
{
    private int _port;

    /// <summary>The port, once Kestrel has bound it.</summary>
    public int Port
    {
        get => Volatile.Read(ref _port);
        set => Volatile.Write(ref _port, value);
    }

    /// <summary>The base URL (without the token).</summary>
    public string Url => $"http://127.0.0.1:{Port}/";

    public bool IsOwnHost(string? host) =>
        host is not null && (host == $"127.0.0.1:{Port}" || host.Equals($"localhost:{Port}", StringComparison.OrdinalIgnoreCase));

    public bool IsOwnOrigin(string? origin) =>
        origin is not null && (origin == $"http://127.0.0.1:{Port}" || origin.Equals($"http://localhost:{Port}", StringComparison.OrdinalIgnoreCase));
}
