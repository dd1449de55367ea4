namespace Wisp.Cli.Commands.Net;

/// <summary>The waits of <c>wisp up</c> and <c>wisp net</c>, each with its reason.</summary>
internal static class NetTimeouts
{
    /// <summary>
    /// 120 s for every node to answer after <c>wisp up</c> starts them: a dozen .NET processes starting at once on two
    /// cores take about 20 s; six times that means something is wrong, not slow.
    /// </summary>
    public static readonly TimeSpan AllHealthy = TimeSpan.FromSeconds(120);

    /// <summary>How often <c>wisp up</c> probes nodes while waiting for them, and re-reads <c>network.json</c> while running.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    /// <summary>Lines of a failed node's log shown to explain it.</summary>
    public const int LogTailLines = 15;
}
