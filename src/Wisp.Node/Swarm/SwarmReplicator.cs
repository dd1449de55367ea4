using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Wisp.Network.Registry;
using Wisp.Node.Onion;
using Wisp.Node.Rpc;

namespace Wisp.Node.Swarm;

/// <summary>
/// Forwards a client's recursive request to every swarm peer (<c>POST /swarm/v1/forward</c>, signed by this node) at
/// once, and turns each answer into the peer's entry of the <c>"swarm"</c> map: its own signed result on success, else
/// Session's failure shapes — <c>{"failed": true, "timeout": true}</c>, <c>{"failed": true, "code", "reason"}</c> or
/// <c>{"failed": true, "bad_peer_response": true}</c>. A peer that missed a request catches up later (see
/// <see cref="CatchUpService"/>).
/// </summary>
public sealed class SwarmReplicator(SwarmMembership membership, PeerClient client, ILogger<SwarmReplicator> logger) : ISwarmReplicator
{
    /// <summary>The route peers take forwarded requests on.</summary>
    public const string ForwardRoute = "/swarm/v1/forward";

    /// <inheritdoc />
    public async Task<IReadOnlyList<KeyValuePair<string, JsonObject>>> ForwardAsync(byte[] request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var peers = membership.Peers();
        if (peers.Count == 0)
            return [];
        var answers = await Task.WhenAll(peers.Take(ReplicationLimits.MaxParallelPeers)
            .Select(peer => ForwardOneAsync(peer, request, cancellationToken))).ConfigureAwait(false);
        return answers;
    }

    private async Task<KeyValuePair<string, JsonObject>> ForwardOneAsync(NodeRecord peer, byte[] request, CancellationToken cancellationToken)
    {
        var peerHex = peer.Ed25519Key.ToHex();
        var answer = await client.PostAsync(peer, ForwardRoute, request, ReplicationLimits.ForwardTimeout, cancellationToken)
            .ConfigureAwait(false);
        var result = ResultOf(answer, peerHex);
        if (SwarmResults.IsFailure(result))
            SwarmLog.ForwardFailed(logger, peerHex, result.ToJsonString());
        return KeyValuePair.Create(peerHex, result);
    }

    /// <summary>The peer's entry for the swarm map, from its HTTP answer.</summary>
    internal static JsonObject ResultOf(UpstreamResponse answer, string peerHex)
    {
        switch (answer.Failure)
        {
            case UpstreamFailure.TimedOut:
                return new JsonObject { ["failed"] = true, ["timeout"] = true };
            case UpstreamFailure.Unreachable:
                return new JsonObject { ["failed"] = true, ["reason"] = "unreachable" };
            case UpstreamFailure.TooLarge:
                return new JsonObject { ["failed"] = true, ["bad_peer_response"] = true };
        }
        JsonObject? body;
        try
        {
            body = JsonNode.Parse(answer.Body) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }
        if (answer.Status is >= 200 and < 300)
        {
            // A peer speaks only for itself: take its own entry and nothing else it may have sent.
            if (body?["swarm"] is JsonObject swarm && swarm[peerHex] is JsonObject mine)
            {
                swarm.Remove(peerHex);
                return mine;
            }
            return new JsonObject { ["failed"] = true, ["bad_peer_response"] = true };
        }
        return new JsonObject
        {
            ["failed"] = true,
            ["code"] = answer.Status,
            ["reason"] = body?["error"] is JsonValue error && error.TryGetValue<string>(out var text) ? text : "",
        };
    }
}
