namespace Wisp.Client.Keys;

/// <summary>The timings of protocol v2's key upkeep in a running client.</summary>
internal static class KeyLimits
{
    /// <summary>
    /// How often a running client checks whether its key is due for rotation (5 minutes): small against Session's
    /// ±1 hour per-device spread, so a rotation lands within minutes of its time.
    /// </summary>
    public static readonly TimeSpan UpkeepInterval = TimeSpan.FromMinutes(5);

    /// <summary>How soon a bundle that could not be published is tried again (30 seconds): contacts fall back to v1 meanwhile.</summary>
    public static readonly TimeSpan PublishRetry = TimeSpan.FromSeconds(30);
}
