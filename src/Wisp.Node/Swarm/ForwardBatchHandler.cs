using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Wisp.Node.Rpc;
using Wisp.Protocol.Rpc;

namespace Wisp.Node.Swarm;

/// <summary>
/// <c>POST /swarm/v1/forward-batch</c> (caller already authenticated, body already capped): client requests that a
/// swarm peer received and passed on. Each one runs exactly as the storage RPC runs a forwarded request — the client's
/// signature checked here (±70 s where Session allows it), recursive methods only, never forwarded again — and all of them at once, so their
/// stores share one group commit. One refused or failed request is its own entry of the answer and fails nothing else.
/// </summary>
public sealed class ForwardBatchHandler(IStorageRpc rpc)
{
    /// <summary>
    /// Parses the array (at most <see cref="ReplicationLimits.MaxForwardBatchRequests"/> entries, else 400 before any is
    /// run), runs every entry and answers <c>[{"code", "body"}, …]</c> in the same order: a success body is this node's
    /// own entry (Session's non-recursive form), an error body Session's text, as a string.
    /// </summary>
    public async Task<PeerAnswer> HandleAsync(SwarmEndpoints.PeerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RequestsOf(request.Body) is not { } requests)
            return PeerAnswer.Error(StatusCodes.Status400BadRequest,
                $"forward-batch: the body must be a JSON array of 1 to {ReplicationLimits.MaxForwardBatchRequests} requests");
        var caller = new RpcCaller(request.RemoteAddress) { ForwardedBy = request.From };
        var answers = await Task.WhenAll(requests.Select(body => rpc.HandleAsync(body, caller, cancellationToken)));
        return new PeerAnswer(StatusCodes.Status200OK, Write(answers));
    }

    /// <summary>Each entry's bytes, exactly as sent; null when the body is not an array of 1 to the cap entries.</summary>
    private static byte[][]? RequestsOf(ReadOnlyMemory<byte> body)
    {
        try
        {
            // One level for the array around what a single request may nest.
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = RpcEnvelope.MaxDepth + 1 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
                return null;
            var count = root.GetArrayLength();
            if (count is < 1 or > ReplicationLimits.MaxForwardBatchRequests)
                return null;
            // An entry that is not a request object is left to the RPC, which refuses it on its own (400).
            return [.. root.EnumerateArray().Select(entry => JsonMarshal.GetRawUtf8Value(entry).ToArray())];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] Write(RpcResponse[] answers)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + answers.Sum(a => a.Body.Length + 24));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var answer in answers)
            {
                json.WriteStartObject();
                json.WriteNumber("code", answer.Status);
                json.WritePropertyName("body");
                // The RPC wrote a JSON body itself (valid, no need to check it again); a text body goes as a string.
                if (answer.IsJson)
                    json.WriteRawValue(answer.Body, skipInputValidation: true);
                else
                    json.WriteStringValue(System.Text.Encoding.UTF8.GetString(answer.Body));
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
