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
/// </summary>
internal sealed class CommunityOnion(X25519KeyPair serverKey, CommunityApi api, Action<Exception>? failed = null)
{
    /// <summary>The path of the endpoint.</summary>
    public const string Path = "/oxen/v4/lsrpc";

    private static readonly Dictionary<string, string> PlainText = new() { ["content-type"] = CommunityResponse.PlainText };

    /// <summary>Answers one onion request body: the encrypted reply, or a plain 400 when the layer is not ours.</summary>
    public async Task<CommunityResponse> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var reply = await OnionV4Endpoint.AnswerAsync(serverKey, body, AnswerAsync, failed, cancellationToken);
        return reply is null ? Reply.Status(400) : new CommunityResponse(200, "application/octet-stream", reply);
    }

    private async Task<OnionV4Response> AnswerAsync(OnionV4Request request, CancellationToken cancellationToken)
    {
        if (!request.Endpoint.StartsWith('/'))
            return new OnionV4Response(400, PlainText, Encoding.UTF8.GetBytes(OnionV4Endpoint.InvalidV4));
        var parts = request.Endpoint.Split('?', 2);
        string path;
        try
        {
            path = HttpPaths.Decode(parts[0]);
        }
        catch (ArgumentException)
        {
            return new OnionV4Response(400, PlainText, Encoding.UTF8.GetBytes(OnionV4Endpoint.InvalidV4));
        }
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        var inner = new CommunityRequest(request.Method.ToUpperInvariant(), path, parts.Length > 1 ? parts[1] : "",
            name => headers.GetValueOrDefault(name), request.Body ?? ReadOnlyMemory<byte>.Empty);
        // No onion inside an onion: the endpoint is only ever the outermost request.
        var response = path == Path ? Reply.Status(404) : await api.HandleAsync(inner, cancellationToken);
        var replyHeaders = new Dictionary<string, string> { ["content-type"] = response.ContentType };
        foreach (var (name, value) in response.ExtraHeaders ?? new Dictionary<string, string>())
            replyHeaders[name.ToLowerInvariant()] = value;
        return new OnionV4Response(response.Status, replyHeaders, response.Body);
    }
}
