namespace Wisp.Direct;

// The stream layer's limits and defaults, each with its unit and reason.
public static partial class Limits
{
    /// <summary>Send buffer (4 MiB): UDX's largest window; a 100 ms path then runs at up to ~40 MB/s.</summary>
    public const int MaxSendBufferBytes = 4 * 1024 * 1024;

    /// <summary>Receive buffer (4 MiB): the most a peer can make us hold for a stream the app does not read.</summary>
    public const int MaxReceiveBufferBytes = 4 * 1024 * 1024;

    /// <summary>Smallest buffer accepted in options (2 packets): a window below one packet could never open.</summary>
    public const int MinBufferBytes = 2 * Protocol.Direct.StreamPacket.MaxPayloadBytes;

    /// <summary>RTO floor (200 ms): Linux TCP's; UDX's 1 s floor makes tail losses slow for interactive messages.</summary>
    public static readonly TimeSpan MinRto = TimeSpan.FromMilliseconds(200);

    /// <summary>RTO cap (30 s): UDX's.</summary>
    public static readonly TimeSpan MaxRto = TimeSpan.FromSeconds(30);

    /// <summary>RTO before any sample (1 s): RFC 6298.</summary>
    public static readonly TimeSpan InitialRto = TimeSpan.FromSeconds(1);

    /// <summary>Timeouts in a row before giving up (6): UDX's; with backoff that is roughly 15 s to a minute.</summary>
    public const int MaxTimeouts = 6;

    /// <summary>Keep-alive (5 s): HyperDHT's connection keep-alive; also keeps NAT mappings open.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(5);

    /// <summary>Idle timeout (30 s): six missed keep-alives.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Timer tick (10 ms): granularity of retransmission and keep-alive timers.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    /// <summary>Initial congestion window (10 packets): RFC 6928.</summary>
    public const int InitialWindowPackets = 10;

    /// <summary>Duplicate evidence before fast retransmit (3 later packets selectively acked): RFC 5681's threshold.</summary>
    public const int DupThreshold = 3;

    /// <summary>Most streams one multiplexer holds (4,096): each may buffer up to its windows.</summary>
    public const int MaxStreams = 4096;

    /// <summary>How long a fully closed stream still answers its peer's retransmissions (2 s).</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromSeconds(2);
}
