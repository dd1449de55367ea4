using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// The <c>batch</c> and <c>sequence</c> reply (always 200 once the batch parsed): <c>{"results": [{"body", "code"}…]}</c>,
/// one per subrequest run, in request order; a text body is a JSON string. A sequence stops after the first result
/// outside 2xx, so it may hold fewer results than requests. No <c>t</c> or <c>hf</c> (Session adds none).
/// </summary>
public sealed record BatchResponse(IReadOnlyList<RpcReply> Results) : IRpcResponse<BatchResponse>
{
    /// <inheritdoc />
    public int SizeHint => (int)Math.Min(Results.Sum(r => (long)r.SizeHint), int.MaxValue);

    /// <inheritdoc />
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartArray("results");
        foreach (var result in Results)
            result.WriteSubresult(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out BatchResponse? value)
    {
        value = null;
        if (!RpcJson.TryProperty(json, "results", out var results) || results.ValueKind != JsonValueKind.Array)
            return false;
        var list = new List<RpcReply>(results.GetArrayLength());
        foreach (var item in results.EnumerateArray())
        {
            if (!RpcReply.TryReadSubresult(item, out var reply))
                return false;
            list.Add(reply);
        }
        value = new BatchResponse(list);
        return true;
    }
}
