namespace Wisp.Direct;

// Hole-punching's counts and timings (HyperDHT's, unless said otherwise).
public static partial class Limits
{
    /// <summary>DHT nodes pinged from a socket to classify its NAT (4): three decide, the fourth breaks ties.</summary>
    public const int NatSamplePings = 4;

    /// <summary>Samples kept per socket (16): a peer-influenced count, bounded.</summary>
    public const int MaxNatSamples = 16;

    /// <summary>Rounds of probes between consistent NATs (10), one per <see cref="RoundInterval"/>.</summary>
    public const int ConsistentRounds = 10;

    /// <summary>Time between consistent rounds (1 s): long enough for the remote's probes to open its side.</summary>
    public static readonly TimeSpan RoundInterval = TimeSpan.FromSeconds(1);

    /// <summary>Probes in a random-port or birthday punch (1750): with 256 birthday sockets ≈ 99.9% to meet.</summary>
    public const int RandomProbes = 1750;

    /// <summary>Time between random probes (20 ms): ~35 s in all, at most 50 packets a second.</summary>
    public static readonly TimeSpan RandomProbeInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Sockets the random side opens for a birthday punch (256).</summary>
    public const int BirthdaySockets = 256;

    /// <summary>Lowest port a random probe targets (1000): below are services, not NAT mappings.</summary>
    public const int RandomPortFloor = 1000;

    /// <summary>TTL of session-opening probes (5): enough to leave our NAT, too little to reach the remote's filter.</summary>
    public const int OpeningTtl = 5;

    /// <summary>Random punches at once per endpoint (1) and the least time between two (20 s).</summary>
    public static readonly TimeSpan RandomPunchInterval = TimeSpan.FromSeconds(20);

    /// <summary>Addresses one side may advertise in a hole-punch message (8): public + a few LAN ones.</summary>
    public const int MaxAddresses = 8;
}
