namespace Wisp.Direct;

// The blind relay's limits and defaults, each with its unit and reason.
public static partial class Limits
{
    /// <summary>Pairs (pending or live) one relay holds (1,024): each costs two table entries and a byte budget.</summary>
    public const int MaxPairs = 1024;

    /// <summary>Time for the second peer to present the token (15 s): HyperDHT's relay pairing timeout.</summary>
    public static readonly TimeSpan PairingTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Bytes one pair may have forwarded (1 GiB): the relay is a last resort, not a free file host.</summary>
    public const long PairByteBudget = 1L << 30;

    /// <summary>A live pair with no packet for this long is dropped (60 s): streams keep alive every 5 s.</summary>
    public static readonly TimeSpan PairIdleTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Ended or expired tokens remembered to refuse reuse (for 5 min, at most <see cref="MaxPairs"/> of them).</summary>
    public static readonly TimeSpan TokenMemory = TimeSpan.FromMinutes(5);

    /// <summary>How often the relay sweeps expired pairs (1 s).</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    /// <summary>A client repeats PAIR this often until answered (1 s): the datagram or its answer may be lost.</summary>
    public static readonly TimeSpan PairRetryInterval = TimeSpan.FromSeconds(1);
}
