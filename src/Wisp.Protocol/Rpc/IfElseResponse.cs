using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// The <c>ifelse</c> reply (always 200 once it parsed): <c>{"condition", "height", "hf", "result"?, "v"}</c> — whether
/// the condition held, the values it was tested against, and the followed branch's <c>{"body", "code"}</c> (absent
/// when that branch was not given). Wisp's "height" is its registry's version (0 without a registry).
/// </summary>
public sealed record IfElseResponse(bool Condition, long Height, HardFork Hf, ServerVersion V, RpcReply? Result)
    : IRpcResponse<IfElseResponse>
{
    /// <inheritdoc />
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteBoolean("condition", Condition);
        writer.WriteNumber("height", Height);
        RpcJson.WriteHardFork(writer, "hf", Hf);
        if (Result is not null)
        {
            writer.WritePropertyName("result");
            Result.WriteSubresult(writer);
        }
        RpcJson.WriteVersion(writer, "v", V);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out IfElseResponse? value)
    {
        value = null;
        if (!RpcJson.TryBool(json, "condition", out var condition) || !RpcJson.TryInt64(json, "height", out var height)
            || !RpcJson.TryHardFork(json, "hf", out var hf) || !RpcJson.TryVersion(json, "v", out var v))
            return false;
        RpcReply? result = null;
        if (RpcJson.TryProperty(json, "result", out var resultField) && !RpcReply.TryReadSubresult(resultField, out result))
            return false;
        value = new IfElseResponse(condition, height, hf, v, result);
        return true;
    }
}
