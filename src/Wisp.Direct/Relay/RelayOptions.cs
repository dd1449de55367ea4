namespace Wisp.Direct.Relay;

/// <summary>Tunables of a blind relay; defaults from <see cref="Limits"/>, tests shorten the timers.</summary>
public sealed record RelayOptions
{
    /// <summary>Most pairs held, pending or live.</summary>
    public int MaxPairs { get; init; } = Limits.MaxPairs;

    /// <summary>How long a token waits for its second peer.</summary>
    public TimeSpan PairingTimeout { get; init; } = Limits.PairingTimeout;

    /// <summary>Most bytes forwarded for one pair (both directions).</summary>
    public long PairByteBudget { get; init; } = Limits.PairByteBudget;

    /// <summary>A live pair with no packet for this long is dropped.</summary>
    public TimeSpan PairIdleTimeout { get; init; } = Limits.PairIdleTimeout;

    /// <summary>How often expired pairs are swept.</summary>
    public TimeSpan SweepInterval { get; init; } = Limits.SweepInterval;
}
