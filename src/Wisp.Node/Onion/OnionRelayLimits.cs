namespace Wisp.Node.Onion;

/// <summary>
/// What the onion relay lets a peer make it do, each with its unit and reason. The request-side caps (10 MiB, 15
/// hops) are the shared <see cref="Wisp.Protocol.Onion.OnionLimits"/>; these bound the node's own outgoing calls.
/// </summary>
public static class OnionRelayLimits
{
    /// <summary>
    /// Largest response relayed back from the next node or an HTTP server, in bytes (16 MiB). A file-server download
    /// is at most 10 MB; encrypted and base64-encoded (v3) that is about 13.4 MB. Anything larger is refused with 502
    /// rather than buffered.
    /// </summary>
    public const int MaxRelayedResponseBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Time the last hop waits for an HTTP server (25 s), Session's <c>ONION_URL_TIMEOUT</c>: a little under a
    /// client's 30 s so the 504 still reaches it.
    /// </summary>
    public static readonly TimeSpan ServerTimeout = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Time a hop waits for the next node when it is hop 0 (28 s). Each hop further along waits
    /// <see cref="NodeTimeoutStepPerHop"/> less, so the innermost hop gives up first and its precise 504 travels back
    /// before the outer hops give up themselves.
    /// </summary>
    public static readonly TimeSpan NodeTimeoutAtGuard = TimeSpan.FromSeconds(28);

    /// <summary>How much shorter each further hop's wait is (1 s).</summary>
    public static readonly TimeSpan NodeTimeoutStepPerHop = TimeSpan.FromSeconds(1);

    /// <summary>The shortest wait for a next node (5 s), whatever the hop number: a healthy node answers well within it.</summary>
    public static readonly TimeSpan MinNodeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The wait for the next node from a hop with number <paramref name="hopNumber"/>.</summary>
    public static TimeSpan NodeTimeoutFor(int hopNumber)
    {
        var timeout = NodeTimeoutAtGuard - (NodeTimeoutStepPerHop * Math.Max(0, hopNumber));
        return timeout < MinNodeTimeout ? MinNodeTimeout : timeout;
    }
}
