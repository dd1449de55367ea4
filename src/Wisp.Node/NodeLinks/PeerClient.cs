using System.Net.Http.Headers;
using System.Net.Security;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;
using Wisp.Protocol.Peering;

namespace Wisp.Node.NodeLinks;

/// <summary>
/// The node's client for other nodes: HTTPS POSTs signed with this node's key (see <see cref="PeerAuthentication"/>),
/// answers read up to <see cref="NodeLinkLimits.MaxPeerBodyBytes"/>. Any server certificate is accepted: nodes'
/// certificates are self-signed and not in the registry, and the request signatures (not TLS) say who is who.
/// </summary>
public sealed class PeerClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpMessageInvoker _http;
    private readonly Ed25519KeyPair _keys;
    private readonly TimeProvider _time;

    /// <summary>A client that signs as <paramref name="keys"/> and measures time on <paramref name="time"/>.</summary>
    public PeerClient(Ed25519KeyPair keys, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        _keys = keys;
        _time = time;
        _http = new HttpMessageInvoker(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(3),
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        });
    }

    /// <summary>This node's key, as peers see it.</summary>
    public Ed25519PublicKey Node => _keys.PublicKey;

    /// <summary>POSTs <paramref name="body"/> to <paramref name="path"/> on <paramref name="peer"/>, signed, within <paramref name="timeout"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<UpstreamResponse> PostAsync(
        NodeRecord peer, string path, byte[] body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(body);
        if (!Uri.TryCreate($"https://{peer.Endpoint}{path}", UriKind.Absolute, out var url))
            return UpstreamResponse.Failed(UpstreamFailure.Unreachable);
        // Signed for this receiver and this exact target (path and query as sent), with a fresh nonce.
        var headers = PeerAuthentication.Sign(
            _keys, peer.Ed25519Key, HttpMethod.Post.Method, url.PathAndQuery, _time.GetUtcNow().ToUnixTimeMilliseconds(), body);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = Json } },
        };
        headers.AddTo(request.Headers);
        return await UpstreamResponse.SendAsync(_http, request, timeout, _time, NodeLinkLimits.MaxPeerBodyBytes, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// POSTs a record's <paramref name="body"/> to <paramref name="route"/> and reads the answer with <paramref name="read"/>.
    /// No answer, a status other than 200, or an answer that does not read is a failure with a sentence saying which.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<PeeringResult<T>> CallAsync<T>(
        NodeRecord peer, string route, byte[] body, Func<ReadOnlyMemory<byte>, PeeringResult<T>> read, TimeSpan timeout,
        CancellationToken cancellationToken) where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        var answer = await PostAsync(peer, route, body, timeout, cancellationToken).ConfigureAwait(false);
        if (answer.Failure != UpstreamFailure.None)
            return PeeringResult<T>.Fail($"{route}: {answer.Failure.ToString().ToLowerInvariant()}");
        if (answer.Status != 200)
            return PeeringResult<T>.Fail($"{route} answered {answer.Status}");
        var result = read(answer.Body);
        return result.Ok ? result : PeeringResult<T>.Fail($"{route} answer: {result.Problem}");
    }

    /// <summary>Closes every connection.</summary>
    public void Dispose() => _http.Dispose();
}
