using System.Net.Mime;

namespace Wisp.Node.NodeLinks;

/// <summary>How copying a relayed answer to the client ended.</summary>
public enum RelayCopyResult
{
    /// <summary>Every byte was passed on.</summary>
    Complete,
    /// <summary>The answer grew past the bound; the client's response is cut (its status is already sent).</summary>
    TooLarge,
    /// <summary>The next node stopped sending (broken connection or the deadline); the client's response is cut.</summary>
    UpstreamFailed,
}

/// <summary>
/// The next node's answer with its status and headers read and its body still on the wire: the relay passes it to
/// the client a buffer at a time (<see cref="CopyToAsync"/>) instead of holding it whole. Dispose closes the upstream
/// response and its deadline.
/// </summary>
public sealed class RelayedAnswer : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _linked;
    private readonly IDisposable? _client;

    internal RelayedAnswer(HttpResponseMessage response, CancellationTokenSource deadline, CancellationTokenSource linked, IDisposable? client)
    {
        _response = response;
        _deadline = deadline;
        _linked = linked;
        _client = client;
    }

    /// <summary>The next node's HTTP status.</summary>
    public int Status => (int)_response.StatusCode;

    /// <summary>The next node's content type (octet-stream when it gave none).</summary>
    public string ContentType => _response.Content.Headers.ContentType?.ToString() ?? MediaTypeNames.Application.Octet;

    /// <summary>The length the next node declared, if it did.</summary>
    public long? ContentLength => _response.Content.Headers.ContentLength;

    /// <summary>
    /// Copies the body to <paramref name="destination"/> through <paramref name="buffer"/>, at most
    /// <paramref name="maxBytes"/> in all. Reads stop at the relay's deadline; writes stop when the client goes
    /// (<paramref name="clientAborted"/>, which throws).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="clientAborted"/> was cancelled.</exception>
    public async Task<RelayCopyResult> CopyToAsync(Stream destination, Memory<byte> buffer, long maxBytes, CancellationToken clientAborted)
    {
        ArgumentNullException.ThrowIfNull(destination);
        long copied = 0;
        try
        {
            await using var source = await _response.Content.ReadAsStreamAsync(_linked.Token).ConfigureAwait(false);
            while (true)
            {
                var read = await source.ReadAsync(buffer, _linked.Token).ConfigureAwait(false);
                if (read == 0) return RelayCopyResult.Complete;
                copied += read;
                if (copied > maxBytes) return RelayCopyResult.TooLarge;
                await destination.WriteAsync(buffer[..read], clientAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!clientAborted.IsCancellationRequested)
        {
            return RelayCopyResult.UpstreamFailed;
        }
        catch (HttpRequestException)
        {
            return RelayCopyResult.UpstreamFailed;
        }
        catch (IOException) when (!clientAborted.IsCancellationRequested)
        {
            return RelayCopyResult.UpstreamFailed;
        }
    }

    /// <summary>Closes the upstream response.</summary>
    public void Dispose()
    {
        _response.Dispose();
        _linked.Dispose();
        _deadline.Dispose();
        _client?.Dispose();
    }
}
