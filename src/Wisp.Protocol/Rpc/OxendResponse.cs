using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// The <c>oxend_request</c> reply: <c>{"hf", "result": the endpoint's answer, "t"}</c> — the endpoint's result wrapped
/// as Session's storage server wraps oxend's, with the node's clock and fork beside it.
/// </summary>
public sealed record OxendResponse<TResult>(TResult Result, long T, HardFork Hf) : IRpcResponse<OxendResponse<TResult>>
    where TResult : IRpcResponse<TResult>
{
    /// <inheritdoc />
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        RpcJson.WriteHardFork(writer, "hf", Hf);
        writer.WritePropertyName("result");
        Result.Write(writer);
        writer.WriteNumber("t", T);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out OxendResponse<TResult>? value)
    {
        value = null;
        if (!RpcJson.TryProperty(json, "result", out var result) || !TResult.TryRead(result, out var read)
            || !RpcJson.TryInt64(json, "t", out var t) || !RpcJson.TryHardFork(json, "hf", out var hf))
            return false;
        value = new OxendResponse<TResult>(read, t, hf);
        return true;
    }
}
