using System.Net.Http.Headers;
using Wisp.Client.Paths;

namespace Wisp.Client.Transport;

/// <summary>Why an onion request got no answer at all from its guard.</summary>
internal enum OnionSendFailure
{
    /// <summary>The guard answered (see the <see cref="OnionResponse"/>).</summary>
    None,
    /// <summary>The guard could not be reached, or the connection broke.</summary>
    GuardUnreachable,
    /// <summary>No answer within <see cref="ClientLimits.AttemptTimeout"/>.</summary>
    TimedOut,
    /// <summary>The answer was larger than <see cref="ClientLimits.MaxReplyBytes"/>.</summary>
    ReplyTooLarge,
}

/// <summary>The outcome of sending one onion request: the decrypted response, or why the guard gave none.</summary>
internal readonly record struct OnionSendResult(OnionSendFailure Failure, OnionResponse? Response)
{
    /// <summary>True when the guard answered.</summary>
    public bool Answered => Failure == OnionSendFailure.None;
}

/// <summary>
/// Sends built onion requests: an HTTPS <c>POST /onion_req/v2</c> to the path's guard, then the answer read and
/// decrypted by <see cref="OnionResponseReader"/>. Waits are measured on the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class OnionTransport : IDisposable
{
    /// <summary>The route every node takes onion requests on.</summary>
    public const string Route = "/onion_req/v2";

    private static readonly MediaTypeHeaderValue OctetStream = new("application/octet-stream");

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeProvider _time;

    /// <summary>A transport over <paramref name="http"/> (default: <see cref="NodeHttp.CreateClient"/>, owned and disposed here).</summary>
    public OnionTransport(TimeProvider time, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _ownsHttp = http is null;
        _http = http ?? NodeHttp.CreateClient();
    }

    /// <summary>POSTs <paramref name="request"/> to <paramref name="guard"/> and reads the answer.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<OnionSendResult> SendAsync(ServiceNode guard, OnionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(request);
        using var deadline = new CancellationTokenSource(ClientLimits.AttemptTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(guard.BaseUrl, Route))
        {
            Content = new ByteArrayContent(request.Body) { Headers = { ContentType = OctetStream } },
        };
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength > ClientLimits.MaxReplyBytes)
                return new OnionSendResult(OnionSendFailure.ReplyTooLarge, null);
            var body = await ReadBoundedAsync(response.Content, linked.Token).ConfigureAwait(false);
            if (body is null)
                return new OnionSendResult(OnionSendFailure.ReplyTooLarge, null);
            return new OnionSendResult(OnionSendFailure.None, OnionResponseReader.Read((int)response.StatusCode, body, request));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new OnionSendResult(OnionSendFailure.TimedOut, null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new OnionSendResult(OnionSendFailure.GuardUnreachable, null);
        }
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > ClientLimits.MaxReplyBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>Closes the connections, when the transport made its own client.</summary>
    public void Dispose()
    {
        if (_ownsHttp)
            _http.Dispose();
    }
}
