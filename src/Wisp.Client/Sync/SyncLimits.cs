namespace Wisp.Client.Sync;

/// <summary>Limits of user config sync, with their reasons.</summary>
internal static class SyncLimits
{
    /// <summary>How long a pushed config lives in the swarm: 30 days, as Session clients store configs (each push renews it).</summary>
    public static readonly TimeSpan ConfigTtl = TimeSpan.FromDays(30);

    /// <summary>How long a sent-message copy lives in the own swarm: 14 days, as any 1:1 message.</summary>
    public static readonly TimeSpan CopyTtl = TimeSpan.FromDays(14);

    /// <summary>Pages of one config namespace read per sync (each at most the node's page): bounds one sync's work.</summary>
    public const int MaxPagesPerSync = 20;

    /// <summary>Sent-message copies stored per sync: bounds one sync's work; the rest wait for the next.</summary>
    public const int CopiesPerSync = 50;

    /// <summary>Time between syncs when nothing nudges one: other devices' changes arrive within it.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait after a failed sync before the next.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(60);
}
