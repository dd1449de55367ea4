using Wisp.Node.Admission;

namespace Wisp.Node.Monitor;

/// <summary>
/// The monitor stream's bounds (defaults in <see cref="Limits"/>, where each has its unit and reason). A record so that
/// a test can start a node with small ones.
/// </summary>
internal sealed record MonitorBounds(
    int MaxConnections, int MaxConnectionsPerAddress, int MaxSubscriptionsPerConnection, int MaxSubscriptions,
    long MaxQueuedBytes, int MaxFrameBytes, int MaxResumeNotifications, long MaxResumeBytes, TimeSpan SubscriptionLifetime,
    TimeSpan CloseGrace)
{
    /// <summary>The node's bounds.</summary>
    public static MonitorBounds Default { get; } = new(
        Limits.MaxMonitorConnections, Limits.MaxMonitorConnectionsPerAddress, Limits.MaxMonitorSubscriptionsPerConnection,
        Limits.MaxMonitorSubscriptions, Limits.MaxMonitorQueuedBytes, Limits.MaxMonitorFrameBytes,
        Limits.MaxMonitorResumeNotifications, Limits.MaxMonitorResumeBytes, Limits.MonitorSubscriptionLifetime,
        Limits.MonitorCloseGrace);
}
