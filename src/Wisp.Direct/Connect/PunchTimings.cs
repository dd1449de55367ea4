namespace Wisp.Direct.Connect;

/// <summary>How long each step of connecting may take; the defaults are HyperDHT's.</summary>
public sealed record PunchTimings
{
    /// <summary>HyperDHT's timings.</summary>
    public static PunchTimings Default { get; } = new();

    /// <summary>Time between random-port probes (20 ms).</summary>
    public TimeSpan RandomProbeInterval { get; init; } = Limits.RandomProbeInterval;

    /// <summary>Least time between two random punches of one endpoint (20 s).</summary>
    public TimeSpan RandomPunchInterval { get; init; } = Limits.RandomPunchInterval;

    /// <summary>Time between rounds of probes between consistent NATs (1 s).</summary>
    public TimeSpan RoundInterval { get; init; } = Limits.RoundInterval;

    /// <summary>Waiting for the other side to connect in or for a punch to land (10 s), before the relay.</summary>
    public TimeSpan DirectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The whole of one connect attempt, relay included (45 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(45);
}
