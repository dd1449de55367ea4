using System.Text.Json.Nodes;
using Wisp.Protocol.Rpc;

namespace Wisp.Node.Rpc;

/// <summary>
/// How an entry node folds its swarm peers' answers into a recursive method's response (Session's rules): every
/// member's result sits under its Ed25519 hex in <c>"swarm"</c>; the answer is 200 when at least one member succeeded,
/// otherwise the entry node's own failure (or 500 if it had none).
/// </summary>
internal static class SwarmResults
{
    /// <summary>
    /// Forward on a local success, and on "full" (507), which is this node's own state, not the request's: another
    /// member may have room. Refusals of the request itself (4xx) are not forwarded — the peers would refuse it too, and
    /// forwarding would let a bad request cost the whole swarm work.
    /// </summary>
    public static bool ShouldForward(RpcResult local) =>
        local.IsSuccess || local.Status == RpcStatus.InsufficientStorage;

    /// <summary>The response with every peer's entry added to the local one.</summary>
    public static RpcResult Merge(RpcResult local, RpcNode node, IReadOnlyList<KeyValuePair<string, JsonObject>> peers)
    {
        var body = local.IsSuccess ? local.Body : FailedLocally(local, node);
        if (body["swarm"] is not JsonObject swarm)
            return local;
        foreach (var (peer, result) in peers)
            swarm[peer] = result;
        if (local.IsSuccess || peers.Any(p => !IsFailure(p.Value)))
            return RpcResult.Ok(body);
        return local;
    }

    /// <summary><c>{"failed": true, …}</c> entries mark members that did not carry the request out.</summary>
    public static bool IsFailure(JsonObject result) => result["failed"] is JsonValue failed && failed.TryGetValue<bool>(out var f) && f;

    private static JsonObject FailedLocally(RpcResult local, RpcNode node) => new()
    {
        ["swarm"] = new JsonObject
        {
            [node.KeyHex] = new JsonObject
            {
                ["failed"] = true,
                ["code"] = local.Status,
                ["reason"] = local.Body["error"]?.DeepClone(),
            },
        },
        ["t"] = node.NowMs(),
    };
}
