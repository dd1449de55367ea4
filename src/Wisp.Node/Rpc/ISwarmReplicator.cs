using System.Text.Json.Nodes;

namespace Wisp.Node.Rpc;

/// <summary>
/// Sends a client's recursive request (store, delete, delete_all, delete_before, expire, expire_all) on to this node's
/// swarm peers and collects each peer's own signed result — Session's recursive requests. Registered when the node
/// follows a registry; a node alone has no peers and no replicator.
/// </summary>
public interface ISwarmReplicator
{
    /// <summary>
    /// Forwards <paramref name="request"/> (a <c>{"method":…,"params":…}</c> body, exactly as the client signed it) to
    /// every swarm peer at once and returns, per peer's Ed25519 hex, its result object: the peer's signed entry, or
    /// <c>{"failed": true, …}</c> saying why there is none. Returns after every peer answered or timed out.
    /// </summary>
    Task<IReadOnlyList<KeyValuePair<string, JsonObject>>> ForwardAsync(byte[] request, CancellationToken cancellationToken);
}
