namespace Wisp.Direct.Streams;

/// <summary>Tunables of a stream; the defaults are <see cref="Limits"/>'s and tests shorten the timers.</summary>
public sealed record StreamOptions
{
    /// <summary>Most bytes written but not yet acknowledged; writers wait beyond it.</summary>
    public int MaxSendBufferBytes { get; init; } = Limits.MaxSendBufferBytes;

    /// <summary>Most bytes received but not yet read (in order or not); the advertised window never exceeds it.</summary>
    public int MaxReceiveBufferBytes { get; init; } = Limits.MaxReceiveBufferBytes;

    /// <summary>Floor of the retransmission timeout.</summary>
    public TimeSpan MinRto { get; init; } = Limits.MinRto;

    /// <summary>Cap of the retransmission timeout after backoff.</summary>
    public TimeSpan MaxRto { get; init; } = Limits.MaxRto;

    /// <summary>Timeout before the first RTT sample.</summary>
    public TimeSpan InitialRto { get; init; } = Limits.InitialRto;

    /// <summary>Retransmission timeouts in a row after which the stream gives up.</summary>
    public int MaxTimeouts { get; init; } = Limits.MaxTimeouts;

    /// <summary>A PING is sent after this long without sending anything.</summary>
    public TimeSpan KeepAlive { get; init; } = Limits.KeepAlive;

    /// <summary>The stream ends with <see cref="StreamCloseReason.IdleTimeout"/> after this long without hearing the peer.</summary>
    public TimeSpan IdleTimeout { get; init; } = Limits.IdleTimeout;

    /// <summary>How often timers are checked.</summary>
    public TimeSpan Tick { get; init; } = Limits.Tick;
}
