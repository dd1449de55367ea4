using System.Text;
using Wisp.Community.Api;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Onion;

namespace Wisp.Community.Onion;

/// <summary>
/// The community server's <c>POST /oxen/v4/lsrpc</c>: <see cref="OnionV4Endpoint"/> takes the layer off and encrypts
/// the reply; the v4 request inside is answered by <see cref="CommunityApi"/> exactly as over HTTP, its own
/// <c>X-SOGS-*</c> headers authenticating it (pysogs's <c>user_reauth</c>). An endpoint not starting with <c>/</c> is
/// pysogs's encrypted 400 <c>Invalid v4 onion request</c>. Reply headers are lower-cased, without content-length.
/// The deprecated v3 endpoints (<see cref="V3Paths"/>) answer through <see cref="OnionV3Endpoint"/>: a 2xx body, else
/// <c>{"status_code":N}</c>; a legacy endpoint (no leading <c>/</c>) goes to <c>/legacy/…</c>, which is not served.
/// </summary>
internal sealed class CommunityOnion(X25519KeyPair serverKey, CommunityApi api, Action<Exception>? failed = null)
{
    /// <summary>The path of the endpoint.</summary>
    public const string Path = "/oxen/v4/lsrpc";

    /// <summary>The paths of the deprecated v3 endpoint.</summary>
    public static readonly IReadOnlySet<string> V3Paths = new HashSet<string>(StringComparer.Ordinal) { "/oxen/v3/lsrpc", "/loki/v3/lsrpc" };

    private static readonly Dictionary<string, string> PlainText = new() { ["content-type"] = CommunityResponse.PlainText };

    /// <summary>Answers one onion request body: the encrypted reply, or a plain 400 when the layer is not ours.</summary>
    public async Task<CommunityResponse> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var reply = await OnionV4Endpoint.AnswerAsync(serverKey, body, AnswerAsync, failed, cancellationToken);
        return reply is null ? Reply.Status(400) : new CommunityResponse(200, "application/octet-stream", reply);
    }

    /// <summary>Answers one v3 onion request body: the base64 of the encrypted reply, or a plain 400 when the layer is not ours.</summary>
    public async Task<CommunityResponse> HandleV3Async(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var reply = await OnionV3Endpoint.AnswerAsync(serverKey, body, AnswerV3Async, failed, cancellationToken);
        return reply is null ? Reply.Status(400) : new CommunityResponse(200, "text/html; charset=utf-8", reply);
    }

    private async Task<OnionV3Endpoint.Answer> AnswerV3Async(OnionV3Request request, CancellationToken cancellationToken)
    {
        var endpoint = request.Endpoint.StartsWith('/') ? request.Endpoint : "/legacy/" + request.Endpoint;
        var response = await InnerAsync(request.Method, endpoint, request.Headers, request.Body, cancellationToken)
            ?? Reply.Status(400);
        return new OnionV3Endpoint.Answer(response.Status, response.Body);
    }

    private async Task<OnionV4Response> AnswerAsync(OnionV4Request request, CancellationToken cancellationToken)
    {
        if (!request.Endpoint.StartsWith('/')
            || await InnerAsync(request.Method, request.Endpoint, request.Headers, request.Body, cancellationToken) is not { } response)
            return new OnionV4Response(400, PlainText, Encoding.UTF8.GetBytes(OnionV4Endpoint.InvalidV4));
        var replyHeaders = new Dictionary<string, string> { ["content-type"] = response.ContentType };
        foreach (var (name, value) in response.ExtraHeaders ?? new Dictionary<string, string>())
            replyHeaders[name.ToLowerInvariant()] = value;
        return new OnionV4Response(response.Status, replyHeaders, response.Body);
    }

    // The request inside an onion, answered as over HTTP; null when its path does not decode.
    private async Task<CommunityResponse?> InnerAsync(string method, string endpoint, IReadOnlyDictionary<string, string> headers, ReadOnlyMemory<byte>? body,
        CancellationToken cancellationToken)
    {
        var parts = endpoint.Split('?', 2);
        string path;
        try
        {
            path = HttpPaths.Decode(parts[0]);
        }
        catch (ArgumentException)
        {
            return null;
        }
        var named = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        var inner = new CommunityRequest(method.ToUpperInvariant(), path, parts.Length > 1 ? parts[1] : "",
            name => named.GetValueOrDefault(name), body ?? ReadOnlyMemory<byte>.Empty);
        // No onion inside an onion: the endpoints are only ever the outermost request.
        return path == Path || V3Paths.Contains(path) ? Reply.Status(404) : await api.HandleAsync(inner, cancellationToken);
    }
}
