namespace Wisp.Node.NodeLinks;

/// <summary>The bounds of node-to-node calls themselves (whatever they carry), each with its reason.</summary>
public static class NodeLinkLimits
{
    /// <summary>Clock difference accepted on a signed node-to-node request (±60 s, Session's signature tolerance).</summary>
    public static readonly TimeSpan PeerClockTolerance = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Largest signed node-to-node request or answer body (4 MiB), checked against Content-Length before the body is
    /// read: a forward batch (or one client request of at most <see cref="Admission.Limits.MaxRequestBodyBytes"/>) or a
    /// transfer page of one largest message over a page's 1 MiB data bound, with room for JSON.
    /// </summary>
    public const int MaxPeerBodyBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Most pinned node-to-node connection pools kept (4,096): one per pinned next node; a larger network uses
    /// short-lived clients for the rest rather than growing without bound.
    /// </summary>
    public const int MaxPinnedClients = 4096;
}
