using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Files.Api;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Onion;

namespace Wisp.Files.Onion;

/// <summary>
/// Session's <c>POST /oxen/v4/lsrpc</c>: the last path node posts the layer the client encrypted to this server's
/// X25519 key, <c>[u32 LE N][ciphertext]{"ephemeral_key","enc_type",…}</c>. The server takes that last layer off,
/// answers the v4 request inside (<c>l{meta}[body]e</c>) as it would answer it over HTTP, and returns the v4 reply
/// (<c>l{"code","headers"}body e</c>) encrypted with the same hop key, as raw bytes with status 200. A layer that does
/// not parse or decrypt gets a plain 400; a decrypted request that is not v4 gets Session's encrypted 400
/// <c>Invalid v4 onion request</c>.
/// </summary>
internal sealed class OnionV4Handler(X25519KeyPair serverKey, FileApi api)
{
    /// <summary>The words of the plain 400 (werkzeug's, which Session's Flask sends for <c>abort(400)</c>).</summary>
    public const string BadRequest = "The browser (or proxy) sent a request that this server could not understand.";

    /// <summary>Session's body for a decrypted request that is not a v4 request.</summary>
    public const string InvalidV4 = "Invalid v4 onion request";

    private static readonly Dictionary<string, string> PlainTextHeaders = new() { ["content-type"] = FileResponse.PlainText };

    /// <summary>Answers one onion request body.</summary>
    public async Task<FileResponse> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var frame = OnionFrame.Parse(body);
        if (!frame.Ok)
            return Answers.Text(400, BadRequest);
        var control = OnionLayerClassifier.ParseGuardRequest(frame.Frame.Json.Span);
        if (!control.Ok)
            return Answers.Text(400, BadRequest);
        if (!HopKey.TryForNode(serverKey, control.Value!.EphemeralKey, control.Value.Encryption, out var key))
            return Answers.Text(400, BadRequest);
        using (key)
        {
            if (!key.TryDecrypt(frame.Frame.Ciphertext.Span, out var plaintext))
                return Answers.Text(400, BadRequest);
            var reply = await AnswerAsync(plaintext, cancellationToken);
            return new FileResponse(200, FileResponse.OctetStream, key.Encrypt(OnionV4Codec.EncodeResponse(reply)));
        }
    }

    private async Task<OnionV4Response> AnswerAsync(byte[] plaintext, CancellationToken cancellationToken)
    {
        var decoded = OnionV4Codec.DecodeRequest(plaintext);
        if (!decoded.Ok)
            return new OnionV4Response(400, PlainTextHeaders, Encoding.UTF8.GetBytes(InvalidV4));
        var request = decoded.Value!;
        var path = request.Endpoint.Split('?', 2)[0];
        // The onion endpoint answers only the outermost request: no onion inside an onion.
        if (path == Protocol.Files.FileRoutes.OnionV4)
            return new OnionV4Response(404, PlainTextHeaders, Encoding.UTF8.GetBytes("Not Found"));
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        var bytes = request.Body ?? ReadOnlyMemory<byte>.Empty;
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        using var response = await api.HandleAsync(
            new FileRequest(request.Method, path, name => headers.GetValueOrDefault(name), stream, bytes.Length), cancellationToken);
        var answer = response.Body;
        if (response.File is { } file)
        {
            // Bounded: a file is at most 6 MB and a chunk 4 MiB + 4 KiB.
            answer = new byte[file.Length];
            await file.ReadExactlyAsync(answer, cancellationToken);
        }
        return new OnionV4Response(response.Status, new Dictionary<string, string> { ["content-type"] = response.ContentType }, answer);
    }
}
