using System.Buffers;
using System.Net.Http.Headers;
using System.Net.Mime;

namespace Wisp.Node.NodeLinks;

/// <summary>Why a call to another node (or, for the onion relay, an HTTP server) gave no answer.</summary>
public enum UpstreamFailure
{
    /// <summary>Answered: the status and body are in the response.</summary>
    None,
    /// <summary>Could not connect, the TLS certificate did not match its pin, or the connection broke.</summary>
    Unreachable,
    /// <summary>No answer within the wait.</summary>
    TimedOut,
    /// <summary>The answer was larger than the caller's bound.</summary>
    TooLarge,
}

/// <summary>What the other node or server answered (or why it did not).</summary>
public readonly record struct UpstreamResponse(UpstreamFailure Failure, int Status, byte[] Body, string ContentType)
{
    /// <summary>A failure with no answer.</summary>
    public static UpstreamResponse Failed(UpstreamFailure failure) => new(failure, 0, [], MediaTypeNames.Text.Plain);

    /// <summary>Sends <paramref name="request"/> and reads at most <paramref name="maxBytes"/> of the answer, within <paramref name="timeout"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the caller went away).</exception>
    public static async Task<UpstreamResponse> SendAsync(
        HttpMessageInvoker client, HttpRequestMessage request, TimeSpan timeout, TimeProvider time, int maxBytes,
        CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var response = await client.SendAsync(request, linked.Token).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength > maxBytes) return Failed(UpstreamFailure.TooLarge);
            var body = await ReadBoundedAsync(response.Content, maxBytes, linked.Token).ConfigureAwait(false);
            if (body is null) return Failed(UpstreamFailure.TooLarge);
            return new UpstreamResponse(UpstreamFailure.None, (int)response.StatusCode, body, ContentTypeOf(response.Content.Headers));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(UpstreamFailure.TimedOut);
        }
        catch (HttpRequestException)
        {
            return Failed(UpstreamFailure.Unreachable);
        }
        catch (IOException)
        {
            return Failed(UpstreamFailure.Unreachable);
        }
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        // Nodes declare their answer's length (the caller refused one over the bound): read it into an array of that
        // size, with no scratch buffer and no growing copy. Every forward batch reads an answer, and those transient
        // arrays were the largest share of the allocations a replicating node makes.
        if (content.Headers.ContentLength is { } length)
            return await ReadDeclaredAsync(stream, (int)length, cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }

    private static async Task<byte[]> ReadDeclaredAsync(Stream stream, int length, CancellationToken cancellationToken)
    {
        var body = new byte[length];
        var filled = 0;
        while (filled < length)
        {
            var read = await stream.ReadAsync(body.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0) return body[..filled];
            filled += read;
        }
        return body;
    }

    private static string ContentTypeOf(HttpContentHeaders headers) =>
        headers.ContentType?.ToString() ?? MediaTypeNames.Application.Octet;
}
