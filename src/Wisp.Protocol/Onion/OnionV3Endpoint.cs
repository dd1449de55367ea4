using System.Text;
using System.Text.Json;
using Wisp.Crypto.Keys;

namespace Wisp.Protocol.Onion;

/// <summary>
/// A decrypted v3 onion request (Session's deprecated JSON form): <c>{"endpoint","method","headers"?,"body"?}</c>, the
/// body a string, present only for POST and PUT.
/// </summary>
/// <param name="Method">The HTTP method, as given.</param>
/// <param name="Endpoint">The path (and query); one not starting with <c>/</c> is a legacy endpoint.</param>
/// <param name="Headers">Header names lower-cased.</param>
/// <param name="Body">The body's UTF-8 bytes, or null for a method without one.</param>
public sealed record OnionV3Request(string Method, string Endpoint, IReadOnlyDictionary<string, string> Headers, byte[]? Body);

/// <summary>
/// The server side of Session's deprecated <c>POST /oxen/v3/lsrpc</c> and <c>/loki/v3/lsrpc</c> (pysogs's
/// <c>handle_v3_onion_request</c>): the same layer as <see cref="OnionV4Endpoint"/>, a JSON request inside, and as the
/// reply the inner answer's body when its status is 2xx, else <c>{"status_code":N}</c> (headers and error bodies are
/// dropped), encrypted and then base64-encoded. A request that does not parse is answered <c>{"status_code":400}</c>.
/// </summary>
public static class OnionV3Endpoint
{
    /// <summary>The answer to a v3 request: its status and body.</summary>
    public readonly record struct Answer(int Status, ReadOnlyMemory<byte> Body);

    /// <summary>
    /// The base64 text of the encrypted v3 reply to <paramref name="body"/>, to send with status 200; null when the
    /// layer does not parse or decrypt (answer a plain 400). When <paramref name="answer"/> throws, the reply is
    /// <c>{"status_code":500}</c> and <paramref name="failed"/> hears of it.
    /// </summary>
    public static async Task<byte[]?> AnswerAsync(
        X25519KeyPair serverKey, ReadOnlyMemory<byte> body, Func<OnionV3Request, CancellationToken, Task<Answer>> answer,
        Action<Exception>? failed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!OnionServerLayer.TryOpen(serverKey, body, out var key, out var plaintext))
            return null;
        using (key)
        {
            byte[] reply;
            if (DecodeRequest(plaintext) is not { } request)
            {
                reply = StatusBody(400);
            }
            else
            {
                try
                {
                    var (status, content) = await answer(request, cancellationToken);
                    reply = status is >= 200 and < 300 ? content.ToArray() : StatusBody(status);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    failed?.Invoke(exception);
                    reply = StatusBody(500);
                }
            }
            return Encoding.ASCII.GetBytes(Convert.ToBase64String(key.Encrypt(reply)));
        }
    }

    /// <summary>The v3 request in <paramref name="plaintext"/>, or null as pysogs refuses it: not a JSON object, no
    /// string <c>endpoint</c> and <c>method</c>, a body that is not a string, or a body on a method without one (the
    /// string <c>"null"</c> excepted, which Android clients send).</summary>
    public static OnionV3Request? DecodeRequest(ReadOnlySpan<byte> plaintext)
    {
        if (plaintext.IsEmpty || plaintext[0] != (byte)'{')
            return null;
        try
        {
            using var document = JsonDocument.Parse(plaintext.ToArray());
            var root = document.RootElement;
            if (!root.TryGetProperty("endpoint", out var endpoint) || endpoint.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String)
                return null;
            var headers = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("headers", out var given))
            {
                if (given.ValueKind != JsonValueKind.Object)
                    return null;
                foreach (var header in given.EnumerateObject())
                    headers[header.Name.ToLowerInvariant()] = header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString()! : header.Value.GetRawText();
            }
            var hasBody = root.TryGetProperty("body", out var text);
            if (hasBody && text.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                return null;
            var bodyText = hasBody ? text.GetString() : null;
            byte[]? body = null;
            if (method.GetString() is "POST" or "PUT")
            {
                if (hasBody && bodyText is null)
                    return null;
                body = Encoding.UTF8.GetBytes(bodyText ?? "");
            }
            else if (!string.IsNullOrEmpty(bodyText) && bodyText != "null")
                return null; // a body on a GET or DELETE
            return new OnionV3Request(method.GetString()!, endpoint.GetString()!, headers, body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] StatusBody(int status) => Encoding.UTF8.GetBytes($"{{\"status_code\":{status}}}");
}
