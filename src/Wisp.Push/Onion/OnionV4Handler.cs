using Wisp.Crypto.Keys;
using Wisp.Protocol.Onion;
using Wisp.Protocol.Push;
using Wisp.Push.Api;

namespace Wisp.Push.Onion;

/// <summary>
/// Session's <c>POST /oxen/v4/lsrpc</c> for the push server (SPNS is reached this way): <see cref="OnionV4Endpoint"/>
/// takes the last layer off and encrypts the reply; the v4 request inside is answered as over plain HTTP. A layer that
/// does not parse or decrypt gets a plain 400; an onion inside an onion gets 404.
/// </summary>
internal sealed class OnionV4Handler(X25519KeyPair serverKey, PushApi api, Action<Exception>? failed = null)
{
    /// <summary>Answers one onion request body.</summary>
    public async Task<PushResponse> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var reply = await OnionV4Endpoint.AnswerAsync(serverKey, body, AnswerAsync, failed, cancellationToken);
        return reply is null ? PushResponse.Text(400, OnionV4Endpoint.BadRequest) : new PushResponse(200, PushResponse.OctetStream, reply);
    }

    private Task<Protocol.Bencode.OnionV4Response> AnswerAsync(Protocol.Bencode.OnionV4Request request, CancellationToken cancellationToken)
    {
        var path = request.Endpoint.Split('?', 2)[0];
        var response = path == PushRoutes.OnionV4
            ? PushResponse.Text(404, "Not Found")
            : api.Handle(request.Method, path, request.Body);
        return Task.FromResult(new Protocol.Bencode.OnionV4Response(
            response.Status, new Dictionary<string, string> { ["content-type"] = response.ContentType }, response.Body));
    }
}
