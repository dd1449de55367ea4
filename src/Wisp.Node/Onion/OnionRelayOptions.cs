namespace Wisp.Node.Onion;

/// <summary>
/// The relay's waits. The defaults are <see cref="OnionRelayLimits"/>; tests shorten them to see a 504 without
/// waiting half a minute.
/// </summary>
public sealed record OnionRelayOptions
{
    /// <summary>How long the last hop waits for an HTTP server.</summary>
    public TimeSpan ServerTimeout { get; init; } = OnionRelayLimits.ServerTimeout;

    /// <summary>How long a hop waits for the next node, by its own hop number.</summary>
    public Func<int, TimeSpan> NodeTimeout { get; init; } = OnionRelayLimits.NodeTimeoutFor;
}
