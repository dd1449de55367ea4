using System.Text;
using Wisp.Node.NodeLinks;
using Wisp.Node.Rpc;
using Wisp.Protocol.Peering;
using Wisp.Protocol.Rpc;

namespace Wisp.Node.Swarm;

/// <summary>
/// A swarm peer's result for each request of a <c>forward-batch</c>, read from its answer: the peer's own entry (its
/// 200 body, Session's non-recursive form), else Session's failure shapes — <c>{"failed": true, "timeout": true}</c>,
/// <c>{"code", "failed": true, "reason"}</c> or <c>{"bad_peer_response": true, "failed": true}</c>. A batch that
/// failed as a whole gives every request in it the same failure.
/// </summary>
internal static class ForwardResults
{
    /// <summary>Longest <c>reason</c> kept from a peer's refusal (1,000 characters): enough for any of Session's texts.</summary>
    private const int MaxReasonLength = 1_000;

    /// <summary>No answer within <see cref="ReplicationLimits.ForwardTimeout"/> (or no room in the peer's queue in that time).</summary>
    public static PeerResult TimedOut(string peerHex) => PeerResult.Failed(peerHex, SwarmFailure.TimedOut);

    /// <summary>The peer could not be reached: Session reports that as its peer message transport does, a timeout.</summary>
    public static PeerResult Unreachable(string peerHex) => TimedOut(peerHex);

    /// <summary>This node stopped before the request was sent: no answer came, reported as a timeout.</summary>
    public static PeerResult ShuttingDown(string peerHex) => TimedOut(peerHex);

    /// <summary>
    /// One result per request of a batch of <paramref name="count"/>, in order, from the peer's HTTP answer:
    /// <c>[{"code": status, "body": …}, …]</c>, exactly <paramref name="count"/> long.
    /// </summary>
    public static PeerResult[] OfBatch(UpstreamResponse answer, int count, string peerHex)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var whole = answer.Failure switch
        {
            UpstreamFailure.TimedOut or UpstreamFailure.Unreachable => SwarmFailure.TimedOut,
            UpstreamFailure.TooLarge => SwarmFailure.BadResponse,
            _ => null,
        };
        if (whole is null && answer.Status is not (>= 200 and < 300))
            whole = SwarmFailure.Refused(answer.Status, Reason(Encoding.UTF8.GetString(answer.Body)));
        if (whole is null && ForwardBatch.TryReadAnswer(answer.Body, count) is { } entries)
            return [.. entries.Select(entry => OfEntry(entry, peerHex))];
        whole ??= SwarmFailure.BadResponse;
        return [.. Enumerable.Repeat(PeerResult.Failed(peerHex, whole), count)];
    }

    /// <summary>One request's <c>{"code", "body"}</c>: a 200 body is the peer's entry; any other status its refusal.</summary>
    private static PeerResult OfEntry(RpcReply? reply, string peerHex)
    {
        if (reply is null)
            return PeerResult.Failed(peerHex, SwarmFailure.BadResponse);
        if (reply.Status == RpcStatus.Ok && reply.JsonElement is { } body)
            return PeerResult.Answered(peerHex, body);
        var reason = reply.Text ?? reply.JsonElement?.GetRawText() ?? "";
        return PeerResult.Failed(peerHex, SwarmFailure.Refused(reply.Status, Reason(reason)));
    }

    private static string Reason(string text) => text.Length <= MaxReasonLength ? text : text[..MaxReasonLength];
}
