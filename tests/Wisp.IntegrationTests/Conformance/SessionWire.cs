using System.Text;
using Wisp.Client.Transport;
using Wisp.Crypto.Onion;
using Wisp.Protocol.Onion;

namespace Wisp.IntegrationTests.Conformance;

/// <summary>
/// The two ways a Session client reaches a storage server: a POST to <c>/storage_rpc/v1</c>, and an onion request
/// POSTed to a guard's <c>/onion_req/v2</c> whose destination runs the same RPC and answers
/// <c>{"status","body"}</c> encrypted with the last layer's key. Node certificates are self-signed, so any is
/// accepted (as Session's clients do); the onion layers are what authenticate a node.
/// </summary>
internal sealed class SessionWire : IDisposable
{
    private readonly HttpClient _http = new(NodeHttp.CreateHandler()) { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>POSTs <paramref name="body"/> to <paramref name="path"/> of <paramref name="node"/>; a refused connection is status 0.</summary>
    public Task<Answer> PostAsync(Uri node, string path, string body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node, path))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        return SendAsync(request, cancellationToken);
    }

    /// <summary>Sends <paramref name="request"/> (and disposes it); the answer's status, media type and body.</summary>
    public async Task<Answer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                using var response = await _http.SendAsync(request, cancellationToken);
                return new Answer(
                    (int)response.StatusCode,
                    response.Content.Headers.ContentType?.MediaType,
                    await response.Content.ReadAsStringAsync(cancellationToken));
            }
            catch (HttpRequestException)
            {
                return new Answer(0, null, "");
            }
        }
    }

    /// <summary>
    /// An onion request carrying <paramref name="rpcBody"/> through <paramref name="path"/> to
    /// <paramref name="destination"/>, read the default way (base64 reply, JSON bodies dumped into a string).
    /// Checks the wrapper itself: exactly <c>status</c> (a number) and <c>body</c> (a string).
    /// </summary>
    public async Task<Answer> OnionRpcAsync(IReadOnlyList<WireNode> path, WireNode destination, string rpcBody, CancellationToken cancellationToken)
    {
        var reply = await OnionAsync(path, destination, rpcBody, new DestinationInstruction(), OnionEncryptionType.XChaCha20, cancellationToken);
        return reply.Unwrap(embeddedJson: false);
    }

    /// <summary>An onion request with the destination instruction given; the guard's status and the decrypted plaintext.</summary>
    public async Task<OnionReply> OnionAsync(
        IReadOnlyList<WireNode> path, WireNode destination, string rpcBody, DestinationInstruction instruction,
        OnionEncryptionType encryption, CancellationToken cancellationToken)
    {
        var (body, replyKey) = OnionLayers.Build(path, destination, Encoding.UTF8.GetBytes(rpcBody), instruction, encryption);
        using (replyKey)
        {
            using var content = new ByteArrayContent(body);
            using var response = await _http.PostAsync(new Uri(path[0].Url, "/onion_req/v2"), content, cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var status = (int)response.StatusCode;
            Assert.True(status == 200, $"The path answered {status} ({Encoding.UTF8.GetString(bytes)}), not the destination.");
            var ciphertext = instruction.Base64 ? Convert.FromBase64String(Encoding.ASCII.GetString(bytes)) : bytes;
            Assert.True(replyKey.TryDecrypt(ciphertext, out var plaintext), "The reply does not decrypt with the destination layer's key.");
            return new OnionReply(Encoding.UTF8.GetString(plaintext));
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>An onion reply, decrypted: Session's <c>wrap_proxy_response</c> output.</summary>
internal sealed record OnionReply(string Plaintext)
{
    /// <summary>
    /// The destination's answer inside the wrapper <c>{"status": N, "body": …}</c> (request_handler.cpp
    /// <c>wrap_proxy_response</c>): a text body is a string; a JSON body is a string holding the dumped JSON, or the
    /// JSON itself when the client asked for <c>"json": true</c>.
    /// </summary>
    public Answer Unwrap(bool embeddedJson)
    {
        var wrapper = Expect.Json(Plaintext, "the onion reply");
        Expect.Keys(wrapper, "body", "status");
        var status = wrapper.GetProperty("status");
        Assert.Equal(System.Text.Json.JsonValueKind.Number, status.ValueKind);
        var body = wrapper.GetProperty("body");
        if (body.ValueKind == System.Text.Json.JsonValueKind.String)
            return new Answer(status.GetInt32(), null, body.GetString()!, Onion: true);
        Assert.True(embeddedJson, $"Without \"json\": true the body must be a string; got {body.ValueKind}.");
        return new Answer(status.GetInt32(), null, body.GetRawText(), Onion: true);
    }
}
