using System.Text.Json;
using System.Text.Json.Nodes;
using Wisp.Node.NodeLinks;

namespace Wisp.Node.Swarm;

/// <summary>
/// A swarm peer's entry in the <c>"swarm"</c> map of a recursive request, read from its <c>forward-batch</c> answer:
/// its own signed result on success, else Session's failure shapes — <c>{"failed": true, "timeout": true}</c>,
/// <c>{"failed": true, "code", "reason"}</c> or <c>{"failed": true, "bad_peer_response": true}</c>. A batch that failed
/// as a whole gives every request in it the same failure.
/// </summary>
internal static class ForwardResults
{
    /// <summary>No answer within <see cref="ReplicationLimits.ForwardTimeout"/> (or no room in the peer's queue in that time).</summary>
    public static JsonObject TimedOut() => new() { ["failed"] = true, ["timeout"] = true };

    /// <summary>The peer could not be reached.</summary>
    public static JsonObject Unreachable() => new() { ["failed"] = true, ["reason"] = "unreachable" };

    /// <summary>The peer answered something that is not a valid result.</summary>
    public static JsonObject BadPeerResponse() => new() { ["failed"] = true, ["bad_peer_response"] = true };

    /// <summary>This node stopped before the request was sent.</summary>
    public static JsonObject ShuttingDown() => new() { ["failed"] = true, ["reason"] = "the entry node is shutting down" };

    /// <summary>
    /// One entry per request of a batch of <paramref name="count"/>, in order, from the peer's HTTP answer:
    /// <c>[{"code": status, "body": {…}}, …]</c>, exactly <paramref name="count"/> long.
    /// </summary>
    public static JsonObject[] OfBatch(UpstreamResponse answer, int count, string peerHex)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var whole = answer.Failure switch
        {
            UpstreamFailure.TimedOut => TimedOut(),
            UpstreamFailure.Unreachable => Unreachable(),
            UpstreamFailure.TooLarge => BadPeerResponse(),
            _ => null,
        };
        if (whole is null && answer.Status is not (>= 200 and < 300))
            whole = Refused(answer.Status, ParseObject(answer.Body));
        if (whole is null && ParseArray(answer.Body) is { } entries && entries.Count == count)
            return [.. entries.Select(entry => OfEntry(entry, peerHex))];
        whole ??= BadPeerResponse();
        var results = new JsonObject[count];
        results[0] = whole;
        for (var i = 1; i < count; i++)
            results[i] = (JsonObject)whole.DeepClone();
        return results;
    }

    /// <summary>One request's entry: <c>{"code", "body"}</c>, where a success body carries the peer's own result.</summary>
    private static JsonObject OfEntry(JsonNode? entry, string peerHex)
    {
        if (entry is not JsonObject shaped || shaped["code"] is not JsonValue code || !code.TryGetValue<int>(out var status)
            || shaped["body"] is not JsonObject body)
            return BadPeerResponse();
        if (status is not (>= 200 and < 300))
            return Refused(status, body);
        // A peer speaks only for itself: take its own entry and nothing else it may have sent.
        if (body["swarm"] is JsonObject swarm && swarm[peerHex] is JsonObject mine)
        {
            swarm.Remove(peerHex);
            return mine;
        }
        return BadPeerResponse();
    }

    private static JsonObject Refused(int status, JsonObject? body) => new()
    {
        ["failed"] = true,
        ["code"] = status,
        ["reason"] = body?["error"] is JsonValue error && error.TryGetValue<string>(out var text) ? text : "",
    };

    private static JsonObject? ParseObject(byte[] body) => Parse(body) as JsonObject;

    private static JsonArray? ParseArray(byte[] body) => Parse(body) as JsonArray;

    private static JsonNode? Parse(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
