using System.Text.Json;
using Wisp.Protocol.Rpc;

namespace Wisp.Node.Rpc;

/// <summary>
/// Sends a client's recursive request (store, delete, delete_all, delete_before, expire, expire_all, revoke_subaccount,
/// unrevoke_subaccount) on to this node's swarm peers and collects each peer's own answer — Session's recursive
/// requests. Registered when the node follows a registry; a node alone has no peers and no replicator.
/// </summary>
public interface ISwarmReplicator
{
    /// <summary>
    /// Forwards <paramref name="request"/> (a <c>{"method":…,"params":…}</c> body, exactly as the client signed it) to
    /// every swarm peer at once and returns one result per peer. Returns after every peer answered or timed out.
    /// </summary>
    Task<IReadOnlyList<PeerResult>> ForwardAsync(byte[] request, CancellationToken cancellationToken);
}

/// <summary>
/// A swarm peer's answer to a forwarded request: its 200 body (Session's non-recursive form — the peer's own entry),
/// or the failure entry that stands in for it (timed out, refused with a code, unreadable).
/// </summary>
public sealed record PeerResult(string PeerHex, JsonElement? Body, SwarmFailure? Failure)
{
    /// <summary>The peer answered 200 with <paramref name="body"/>.</summary>
    public static PeerResult Answered(string peerHex, JsonElement body) => new(peerHex, body, null);

    /// <summary>The peer gave no usable answer.</summary>
    public static PeerResult Failed(string peerHex, SwarmFailure failure) => new(peerHex, null, failure);
}
