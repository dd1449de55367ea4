namespace Wisp.Node.Metrics;

/// <summary>
/// What <c>GET /status</c> answers and <c>wisp node status</c> prints: identity, storage and request counts.
/// Aggregates only: no message contents, no client addresses.
/// </summary>
public sealed record NodeStatus(
    string Version,
    string Url,
    string Ed25519,
    string X25519,
    long UptimeSeconds,
    long Messages,
    long DataBytes,
    long Owners,
    long DatabaseBytes,
    long StorageCapBytes,
    long MessagesStoredTotal,
    long MessagesExpiredTotal,
    long MessagesDeletedTotal,
    long StoresRejectedFullTotal,
    long WorkingSetBytes,
    IReadOnlyList<RequestCount> Requests)
{
    /// <summary>The registry version the node follows, or null for a node running alone.</summary>
    public long? RegistryVersion { get; init; }

    /// <summary>This node's swarm id (hex), or null when alone or not (yet) in a swarm.</summary>
    public string? Swarm { get; init; }

    /// <summary>Its swarm peers' Ed25519 keys (hex).</summary>
    public IReadOnlyList<string> SwarmPeers { get; init; } = [];

    /// <summary>Peer test counts per tested node since start, with the last failure: the evidence for obligation votes.</summary>
    public IReadOnlyList<PeerTestTally> PeerTests { get; init; } = [];
}
