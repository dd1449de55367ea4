using System.Text.Json.Nodes;
using Wisp.Protocol.Rpc;

namespace Wisp.Node.Rpc;

/// <summary>What a handler answers: a status and a JSON body (serialized once, at the edge).</summary>
internal sealed record RpcResult(int Status, JsonObject Body)
{
    /// <summary>A 200 with <paramref name="body"/>.</summary>
    public static RpcResult Ok(JsonObject body) => new(RpcStatus.Ok, body);

    /// <summary>An expected failure: <c>{"error": message, "status": code}</c>.</summary>
    public static RpcResult Fail(RpcError error) => new(error.Status, ErrorBody(error));

    /// <summary>An expected failure with a status and message.</summary>
    public static RpcResult Fail(int status, string message) => Fail(new RpcError(status, message));

    /// <summary>The JSON error shape every failure uses.</summary>
    public static JsonObject ErrorBody(RpcError error) => new() { ["error"] = error.Message, ["status"] = error.Status };

    /// <summary>True for a 2xx status.</summary>
    public bool IsSuccess => Status is >= 200 and < 300;
}

/// <summary>A parsed request bound to its handler, ready to run.</summary>
internal delegate Task<RpcResult> BoundCall(CancellationToken cancellationToken);
