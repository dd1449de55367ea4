using System.Net.Http.Headers;
using Wisp.Protocol.Bencode;

namespace Wisp.Client.Communities;

/// <summary>Community requests straight over HTTP, without onion paths: the bench's baseline and tools on the server's own machine.</summary>
internal sealed class DirectCommunityTransport(HttpClient http) : ICommunityTransport
{
    public async Task<CommunityReply> SendAsync(CommunityServer server, OnionV4Request request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(server.BaseUrl, request.Endpoint));
        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body.ToArray());
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(
                request.Headers.TryGetValue("Content-Type", out var type) ? type : "application/json");
        }
        foreach (var (name, value) in request.Headers)
        {
            if (!name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                message.Headers.TryAddWithoutValidation(name, value);
        }
        try
        {
            using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return new CommunityReply((int)response.StatusCode, bytes, null);
        }
        catch (HttpRequestException e)
        {
            return CommunityReply.Unreached($"{server.Base} did not answer: {e.Message}");
        }
    }
}
