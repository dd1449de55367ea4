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
    IReadOnlyList<RequestCount> Requests);
