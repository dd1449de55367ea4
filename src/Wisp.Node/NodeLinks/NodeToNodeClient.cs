using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Mime;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Wisp.Node.NodeLinks;

/// <summary>
/// Forwards an onion layer to the next node: an HTTPS <c>POST /onion_req/v2</c> whose body is
/// <c>[N][ciphertext]{"ephemeral_key","enc_type","hop_no"}</c>, the same shape a client sends its guard, with the hop
/// number one higher, and this node's <see cref="RelayCredential"/> so the next node counts it against this node's relay
/// allowance. The answer (status and bytes) is relayed back unchanged, streamed (<see cref="OpenAsync"/>).
/// <para>
/// Trust: when the directory carries the next node's certificate hash, only that certificate is accepted. When it
/// does not (the registry does not carry certificates yet), any certificate is accepted, for this client only. The
/// trade-off: the layer is already encrypted end to end to the next node's X25519 key, so a party in the middle
/// learns what it could learn from watching the wire (sizes, timing) and can drop or corrupt the request (the AEAD
/// makes corruption fail), but cannot read or redirect it. Session's nodes accept any certificate for the same
/// reason.
/// </para>
/// </summary>
public sealed class NodeToNodeClient : IDisposable
{
    /// <summary>The route a node takes onion requests on, from clients and nodes alike.</summary>
    public const string Route = "/onion_req/v2";

    private static readonly MediaTypeHeaderValue OctetStream = new(MediaTypeNames.Application.Octet);

    private readonly HttpMessageInvoker _unpinned = new(CreateHandler(pin: null));
    private readonly ConcurrentDictionary<string, HttpMessageInvoker> _pinned = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly Func<RelayCredential>? _credential;

    /// <summary>
    /// A client whose waits are measured on <paramref name="time"/>, proving itself a node with
    /// <paramref name="credential"/> (none: forwards are counted as a client's).
    /// </summary>
    public NodeToNodeClient(TimeProvider time, Func<RelayCredential>? credential = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _credential = credential;
    }

    /// <summary>
    /// POSTs <paramref name="layer"/> to <paramref name="hop"/> and returns, once its status and headers are in, the
    /// answer with its body still to be read (the caller disposes it), or why there is none. An answer declaring more
    /// than <paramref name="maxAnswerBytes"/> is <see cref="UpstreamFailure.TooLarge"/>. <paramref name="timeout"/>
    /// bounds the whole exchange, body included.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<(UpstreamFailure Failure, RelayedAnswer? Answer)> OpenAsync(
        NextHop hop, byte[] layer, TimeSpan timeout, long maxAnswerBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hop);
        ArgumentNullException.ThrowIfNull(layer);
        using var request = Request(hop, layer);
        var (client, transient) = ClientFor(hop.CertificateSha256);
        var deadline = new CancellationTokenSource(timeout, _time);
        var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        RelayedAnswer? answer = null;
        var handedOver = false;
        try
        {
            var response = await client.SendAsync(request, linked.Token).ConfigureAwait(false);
            // From here the answer owns the response, the deadline and a short-lived client.
            answer = new RelayedAnswer(response, deadline, linked, transient ? client : null);
            if (response.Content.Headers.ContentLength > maxAnswerBytes)
                return (UpstreamFailure.TooLarge, null);
            handedOver = true;
            return (UpstreamFailure.None, answer);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (UpstreamFailure.TimedOut, null);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            return (UpstreamFailure.Unreachable, null);
        }
        finally
        {
            if (!handedOver)
            {
                if (answer is not null)
                {
                    answer.Dispose();
                }
                else
                {
                    linked.Dispose();
                    deadline.Dispose();
                    if (transient) client.Dispose();
                }
            }
        }
    }

    private HttpRequestMessage Request(NextHop hop, byte[] layer)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(hop.BaseUrl, Route))
        {
            Content = new ByteArrayContent(layer) { Headers = { ContentType = OctetStream } },
        };
        if (_credential is not null) request.Headers.TryAddWithoutValidation(RelayCredential.Header, _credential().For(hop.Ed25519));
        return request;
    }

    /// <summary>
    /// POSTs <paramref name="layer"/> to <paramref name="hop"/> and returns its answer (at most <paramref name="maxAnswerBytes"/>),
    /// or why there is none.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<UpstreamResponse> ForwardAsync(
        NextHop hop, byte[] layer, TimeSpan timeout, int maxAnswerBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hop);
        ArgumentNullException.ThrowIfNull(layer);
        using var request = Request(hop, layer);
        var (client, transient) = ClientFor(hop.CertificateSha256);
        try
        {
            return await UpstreamResponse.SendAsync(
                client, request, timeout, _time, maxAnswerBytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (transient) client.Dispose();
        }
    }

    private (HttpMessageInvoker Client, bool Transient) ClientFor(byte[]? pin)
    {
        if (pin is null) return (_unpinned, false);
        var key = Convert.ToHexString(pin);
        if (_pinned.TryGetValue(key, out var existing)) return (existing, false);
        var created = new HttpMessageInvoker(CreateHandler(pin));
        if (_pinned.Count >= NodeLinkLimits.MaxPinnedClients) return (created, true);
        var kept = _pinned.GetOrAdd(key, created);
        if (!ReferenceEquals(kept, created)) created.Dispose();
        return (kept, false);
    }

    private static SocketsHttpHandler CreateHandler(byte[]? pin) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) => Accepts(certificate, pin),
        },
    };

    private static bool Accepts(X509Certificate? certificate, byte[]? pin)
    {
        if (certificate is null) return false;
        if (pin is null) return true;
        return certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256).AsSpan().SequenceEqual(pin);
    }

    /// <summary>Closes every connection.</summary>
    public void Dispose()
    {
        _unpinned.Dispose();
        foreach (var client in _pinned.Values) client.Dispose();
        _pinned.Clear();
    }
}
