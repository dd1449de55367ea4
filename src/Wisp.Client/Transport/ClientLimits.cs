namespace Wisp.Client.Transport;

/// <summary>
/// The client's network limits and waits: onion paths, guards, retries and the clock. Each value has its unit and a
/// reason; Session's client constants are named where they are the source.
/// </summary>
internal static class ClientLimits
{
    /// <summary>Nodes in an onion path before the destination (3): Session's <c>ONION_REQUEST_HOPS</c>.</summary>
    public const int PathLength = 3;

    /// <summary>Guards kept (2): Session's <c>desiredGuardCount</c>; two paths, so one failing path still leaves one.</summary>
    public const int GuardCount = 2;

    /// <summary>
    /// Nodes a pool needs before paths are built ((3 + 1) × 2 = 8): Session's <c>minSnodePoolCount</c>, two paths of
    /// distinct nodes plus a destination each. Below it paths are still built when they can be, but share nodes.
    /// </summary>
    public const int MinimumPoolSize = (PathLength + 1) * GuardCount;

    /// <summary>Failures a path may have before it is rebuilt (3): Session drops a path after three failed requests.</summary>
    public const int PathFailuresBeforeRebuild = 3;

    /// <summary>Candidates tested before giving up on filling the guard slots (20): a few dead nodes do not stop the client.</summary>
    public const int MaxGuardCandidates = 20;

    /// <summary>Attempts one storage request makes across paths and swarm members (5): room for a dead hop on each of two paths, a 421 and a clock correction.</summary>
    public const int MaxAttempts = 5;

    /// <summary>The wait for one onion attempt (30 s): a little over the guard's 28 s wait for its next node, so the relay's own 504 arrives first.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The whole request, across attempts (60 s): a user-visible action must end, even on a broken network.</summary>
    public static readonly TimeSpan RequestDeadline = TimeSpan.FromSeconds(60);

    /// <summary>The wait for a direct test of a guard candidate (10 s): a guard slower than this makes every request slow.</summary>
    public static readonly TimeSpan GuardTestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Largest onion reply read (16 MiB): what a relay passes back at most; anything larger is not read into memory.</summary>
    public const int MaxReplyBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Nodes whose latest clock reading is kept for the offset (7): the median over them, so a node or two with a wrong
    /// (or lying) clock do not move the client's time.
    /// </summary>
    public const int ClockSamples = 7;

    /// <summary>
    /// Distinct nodes that must have given a reading before the offset moves (3): with one of three lying, the median is
    /// still an honest node's reading.
    /// </summary>
    public const int ClockAgreement = 3;

    /// <summary>
    /// The largest offset the client takes from the nodes (2 h): wide enough for a machine clock left an hour off by a
    /// time-zone or daylight-saving mistake, narrow enough that nodes agreeing on a lie cannot move signed timestamps
    /// (and message times) by days. Beyond it the offset stays and the client reports the machine clock as wrong.
    /// </summary>
    public static readonly TimeSpan MaxClockCorrection = TimeSpan.FromHours(2);

    /// <summary>
    /// The earliest node time believed, Unix ms (2020-01-01): a <c>t</c> before it is a broken node or a value in
    /// seconds, and taking it would move the client's clock by decades.
    /// </summary>
    public const long EarliestPlausibleTimeMs = 1_577_836_800_000;
}
