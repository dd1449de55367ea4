using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// The outer request body, <c>{"method": "…", "params": {…}}</c> (a <c>"jsonrpc"</c> field is tolerated). The
/// <see cref="Document"/> owns the memory <see cref="Params"/> points into: dispose the envelope after handling.
/// </summary>
public sealed class RpcEnvelope : IDisposable
{
    /// <summary>Deepest JSON nesting accepted: a batch of requests with arrays inside needs 4; this leaves room and stops deep-nesting abuse.</summary>
    public const int MaxDepth = 16;

    private RpcEnvelope(JsonDocument document, string method, JsonElement parameters)
    {
        Document = document;
        Method = method;
        Params = parameters;
    }

    /// <summary>The parsed document.</summary>
    public JsonDocument Document { get; }

    /// <summary>The method name.</summary>
    public string Method { get; }

    /// <summary>The <c>params</c> object.</summary>
    public JsonElement Params { get; }

    /// <summary>
    /// Parses a UTF-8 JSON body; on failure <paramref name="error"/> is Session's 400 text ("invalid json" …), also for
    /// bytes that are not valid UTF-8 and for an escaped lone surrogate, which no string field could then hold.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> body, out RpcEnvelope? envelope, out RpcError? error)
    {
        envelope = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException)
        {
            error = RpcError.BadRequest("invalid json");
            return false;
        }
        // Session's parser refuses text that is not Unicode with the same answer; .NET's would throw at the first read.
        if (!JsonText.IsValidUnicode(body.Span))
        {
            document.Dispose();
            error = RpcError.BadRequest("invalid json");
            return false;
        }
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String)
        {
            document.Dispose();
            error = RpcError.BadRequest("invalid json: no `method` field");
            return false;
        }
        if (!root.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            error = RpcError.BadRequest("invalid json: no `params` field");
            return false;
        }
        envelope = new RpcEnvelope(document, method.GetString()!, parameters);
        error = null;
        return true;
    }

    /// <summary>Returns the document's pooled memory.</summary>
    public void Dispose() => Document.Dispose();
}
