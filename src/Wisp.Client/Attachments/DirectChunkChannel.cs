using System.Net.Http.Headers;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Attachments;

/// <summary>
/// The chunk routes straight over HTTP, without the onion: for the bench's baseline and for a server the user
/// trusts with their address. Answers are read up to a bound.
/// </summary>
internal sealed class DirectChunkChannel(HttpClient http, Uri server, Ed25519KeyPair uploader, Func<long> nowSeconds)
    : ChunkChannel(uploader, nowSeconds)
{
    /// <summary>The largest answer read: a chunk and its framing (4 MiB + 64 KiB).</summary>
    private const int MaxAnswerBytes = AttachmentLimits.ChunkBytes + (64 * 1024);

    public override string Name => "direct";

    protected internal override async Task<ServerReply?> SendAsync(
        string method, string path, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte>? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(server, path));
        if (body is { } bytes)
        {
            request.Content = new ReadOnlyMemoryContent(bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        }
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && request.Content is not null)
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            else
                request.Headers.TryAddWithoutValidation(name, value);
        }
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var piece = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(piece, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxAnswerBytes)
                    return null;
                buffer.Write(piece, 0, read);
            }
            return new ServerReply((int)response.StatusCode, buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }
}
