using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Wisp.Protocol.Rpc;

namespace Wisp.Protocol.Peering;

/// <summary>
/// <c>POST /swarm/v1/forward-batch</c>: the client requests a swarm member passes on to one peer, and the peer's
/// answers.
/// <list type="bullet">
/// <item>Request: a JSON array of storage RPC request bodies (<c>{"method", "params"}</c>), each exactly as the client
/// sent its params, since the peer checks the client's signature itself.</item>
/// <item>Answer: an array of the same length and order, one Session batch subresult per request,
/// <c>{"body": JSON or text, "code": status}</c> (<see cref="RpcReply.WriteSubresult"/>).</item>
/// </list>
/// </summary>
public static class ForwardBatch
{
    /// <summary>The request body: the requests joined into one array, byte for byte.</summary>
    public static byte[] WriteRequest(IReadOnlyList<byte[]> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentOutOfRangeException.ThrowIfZero(requests.Count);
        var body = new byte[1 + requests.Count + requests.Sum(r => r.Length)];
        body[0] = (byte)'[';
        var at = 1;
        for (var i = 0; i < requests.Count; i++)
        {
            if (i > 0)
                body[at++] = (byte)',';
            requests[i].CopyTo(body, at);
            at += requests[i].Length;
        }
        body[at] = (byte)']';
        return body;
    }

    /// <summary>
    /// Each request's bytes as sent, or null when the body is not a JSON array of 1 to <paramref name="maxRequests"/>
    /// entries. An entry that is not a request object is left to the RPC, which refuses it on its own.
    /// </summary>
    public static byte[][]? TryReadRequest(ReadOnlyMemory<byte> body, int maxRequests)
    {
        try
        {
            // One level for the array around what a single request may nest.
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = RpcEnvelope.MaxDepth + 1 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() is var count && (count < 1 || count > maxRequests))
                return null;
            return [.. root.EnumerateArray().Select(entry => JsonMarshal.GetRawUtf8Value(entry).ToArray())];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The answer body: one subresult per answer, in order. A JSON body is embedded as it is (the RPC wrote it, so it is
    /// not checked again); a text body becomes a string.
    /// </summary>
    public static byte[] WriteAnswer(IReadOnlyList<(int Status, ReadOnlyMemory<byte> Body, bool IsJson)> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var buffer = new ArrayBufferWriter<byte>(64 + answers.Sum(a => a.Body.Length + 24));
        using (var json = new Utf8JsonWriter(buffer, RpcJson.WriterOptions))
        {
            json.WriteStartArray();
            foreach (var (status, answer, isJson) in answers)
            {
                json.WriteStartObject();
                json.WritePropertyName("body");
                if (isJson)
                    json.WriteRawValue(answer.Span, skipInputValidation: true);
                else
                    json.WriteStringValue(Encoding.UTF8.GetString(answer.Span));
                json.WriteNumber("code", status);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Reads an answer of exactly <paramref name="count"/> entries: each a subresult, or null where an entry is not one.
    /// Returns null when the body is not such an array.
    /// </summary>
    public static RpcReply?[]? TryReadAnswer(ReadOnlySpan<byte> body, int count)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = RpcEnvelope.MaxDepth + 2 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != count)
                return null;
            return [.. root.EnumerateArray().Select(entry => RpcReply.TryReadSubresult(entry, out var reply) ? reply : null)];
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
