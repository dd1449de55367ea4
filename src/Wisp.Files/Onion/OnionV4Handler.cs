using System.Runtime.InteropServices;
using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Files.Api;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Onion;

namespace Wisp.Files.Onion;

/// <summary>
/// Session's <c>POST /oxen/v4/lsrpc</c> for the file server: <see cref="OnionV4Endpoint"/> takes the last layer off
/// and encrypts the reply; this answers the v4 request inside as it would answer it over HTTP. A layer that does not
/// parse or decrypt gets a plain 400; a decrypted request that is not v4 gets Session's encrypted 400
/// <c>Invalid v4 onion request</c>.
/// </summary>
internal sealed class OnionV4Handler(X25519KeyPair serverKey, FileApi api, Action<Exception>? failed = null)
{
    /// <summary>The words of the plain 400 (werkzeug's, which Session's Flask sends for <c>abort(400)</c>).</summary>
    public const string BadRequest = OnionV4Endpoint.BadRequest;

    /// <summary>Session's body for a decrypted request that is not a v4 request.</summary>
    public const string InvalidV4 = OnionV4Endpoint.InvalidV4;

    private static readonly Dictionary<string, string> PlainTextHeaders = new() { ["content-type"] = FileResponse.PlainText };

    /// <summary>Answers one onion request body.</summary>
    public async Task<FileResponse> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var reply = await OnionV4Endpoint.AnswerAsync(serverKey, body, AnswerAsync, failed, cancellationToken);
        return reply is null ? Answers.Text(400, BadRequest) : new FileResponse(200, FileResponse.OctetStream, reply);
    }

    private async Task<OnionV4Response> AnswerAsync(OnionV4Request request, CancellationToken cancellationToken)
    {
        var path = request.Endpoint.Split('?', 2)[0];
        // The onion endpoint answers only the outermost request: no onion inside an onion.
        if (path == Protocol.Files.FileRoutes.OnionV4)
            return new OnionV4Response(404, PlainTextHeaders, Encoding.UTF8.GetBytes("Not Found"));
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        var bytes = request.Body ?? ReadOnlyMemory<byte>.Empty;
        // The body is a slice of the decrypted plaintext: read it in place rather than copy up to 4 MiB again.
        using var stream = MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
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
