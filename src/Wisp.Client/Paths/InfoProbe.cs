using Wisp.Client.Swarm;
using Wisp.Client.Transport;
using Wisp.Protocol.Rpc;

namespace Wisp.Client.Paths;

/// <summary>
/// Tests a guard candidate with a direct HTTPS <c>info</c> call (Session tests guards with a direct request too): the
/// node must answer 200 with an <see cref="InfoResponse"/> carrying its clock <c>t</c>, within
/// <see cref="ClientLimits.GuardTestTimeout"/>. The <c>t</c> feeds the client's <see cref="NetworkClock"/>. The call
/// carries nothing about the account; the guard learns the client's address, which every guard learns anyway.
/// </summary>
internal sealed class InfoProbe(HttpClient http, NetworkClock clock, TimeProvider time) : INodeProbe
{
    /// <summary>Largest answer read (64 KiB): an info answer is under 100 bytes.</summary>
    private const int MaxAnswerBytes = 64 * 1024;

    private static readonly byte[] InfoBody = SwarmRequests.Info();

    /// <inheritdoc/>
    public async Task<bool> TestAsync(ServiceNode node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var deadline = new CancellationTokenSource(ClientLimits.GuardTestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.BaseUrl, "/storage_rpc/v1"))
            {
                Content = new ByteArrayContent(InfoBody) { Headers = { ContentType = new(RpcContentTypes.Json) } },
            };
            // Headers first, so the body is read within the bound below rather than buffered whole.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > MaxAnswerBytes)
                return false;
            var body = await ReadBoundedAsync(response.Content, linked.Token).ConfigureAwait(false);
            if (body is null)
                return false;
            var reply = RpcReply.FromHttp((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
            return SwarmReplies.Read<InfoResponse>(reply) is { } info && clock.Observe(node.Ed25519, info.T);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return false;
        }
    }

    /// <summary>The body, or null when it is longer than <see cref="MaxAnswerBytes"/> (a length header is not required to be sent).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[MaxAnswerBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length
            && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            length += read;
        return length > MaxAnswerBytes ? null : buffer[..length];
    }
}
