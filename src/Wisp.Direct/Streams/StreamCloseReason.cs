namespace Wisp.Direct.Streams;

/// <summary>Why a stream stopped.</summary>
public enum StreamCloseReason
{
    /// <summary>Still open.</summary>
    None,

    /// <summary>Both sides ended in order and every byte was acknowledged.</summary>
    Ended,

    /// <summary>This side called <see cref="ReliableStream.Destroy"/> (or disposed it before the ends).</summary>
    DestroyedLocally,

    /// <summary>The peer (or the relay between us) sent DESTROY.</summary>
    DestroyedByRemote,

    /// <summary>Retransmission gave up after too many timeouts in a row.</summary>
    TimedOut,

    /// <summary>Nothing was heard from the peer for the idle timeout.</summary>
    IdleTimeout,
}

/// <summary>A read or write on a stream that has stopped; <see cref="Reason"/> says why.</summary>
public sealed class StreamClosedException(StreamCloseReason reason)
    : IOException(reason switch
    {
        StreamCloseReason.DestroyedLocally => "the stream was destroyed locally",
        StreamCloseReason.DestroyedByRemote => "the remote destroyed the stream",
        StreamCloseReason.TimedOut => "the stream timed out: no acknowledgement after repeated retransmissions",
        StreamCloseReason.IdleTimeout => "the stream was idle too long: nothing heard from the remote",
        StreamCloseReason.Ended => "the stream has ended",
        _ => "the stream is closed",
    })
{
    /// <summary>Why the stream stopped.</summary>
    public StreamCloseReason Reason { get; } = reason;
}
