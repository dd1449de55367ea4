namespace Wisp.Client.Transport;

/// <summary>
/// The network's time as the client knows it: the local clock plus an offset learned from the nodes' <c>t</c> (their
/// clock, Unix ms, in every storage answer). Every timestamp the client signs comes from <see cref="NowMs"/>, so a
/// machine clock that is off by an hour still produces timestamps the nodes accept (they allow ±60 s).
/// <para>
/// The offset is the median of the last <see cref="ClientLimits.ClockSamples"/> readings, each <c>t − local time at
/// receipt</c>: one node with a wrong clock does not move it, and the error from the reply's travel time (well under
/// a second) is far inside the nodes' tolerance. A node's 406 ("timestamp too far from current time", bare text)
/// resets the readings to that node's time, asked for with an <c>info</c> request, at once (<see cref="Correct"/>):
/// the request is about to be retried, and the old readings just failed.
/// </para>
/// </summary>
internal sealed class NetworkClock
{
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly long[] _samples = new long[ClientLimits.ClockSamples];
    private int _count;
    private int _next;
    private long _offsetMs;

    /// <summary>A clock over <paramref name="time"/> (the machine's clock, or a fake one in tests), with no offset yet.</summary>
    public NetworkClock(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>The current offset, network time minus local time, in milliseconds.</summary>
    public long OffsetMs
    {
        get
        {
            lock (_lock) return _offsetMs;
        }
    }

    /// <summary>Readings taken so far (at most <see cref="ClientLimits.ClockSamples"/> are kept).</summary>
    public int SampleCount
    {
        get
        {
            lock (_lock) return _count;
        }
    }

    /// <summary>The network's time now, Unix ms: what every signature timestamp uses.</summary>
    public long NowMs() => LocalMs() + OffsetMs;

    /// <summary>
    /// Takes a node's <c>t</c> from an answer just received. False (and nothing changes) when it is not a plausible
    /// millisecond timestamp.
    /// </summary>
    public bool Observe(long serverTimeMs)
    {
        if (serverTimeMs < ClientLimits.EarliestPlausibleTimeMs)
            return false;
        var offset = serverTimeMs - LocalMs();
        lock (_lock)
        {
            _samples[_next] = offset;
            _next = (_next + 1) % _samples.Length;
            _count = Math.Min(_count + 1, _samples.Length);
            _offsetMs = Median();
        }
        return true;
    }

    /// <summary>
    /// A node refused a timestamp as too far from its clock (406/425): forget the earlier readings and take its
    /// time (from its <c>info</c> answer) alone. False when <paramref name="serverTimeMs"/> is not plausible.
    /// </summary>
    public bool Correct(long serverTimeMs)
    {
        if (serverTimeMs < ClientLimits.EarliestPlausibleTimeMs)
            return false;
        lock (_lock)
        {
            _count = 0;
            _next = 0;
        }
        return Observe(serverTimeMs);
    }

    private long LocalMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private long Median()
    {
        Span<long> sorted = stackalloc long[_count];
        _samples.AsSpan(0, _count).CopyTo(sorted);
        sorted.Sort();
        // An even count takes the lower middle: an exact reading, never an average of two nodes' clocks.
        return sorted[(_count - 1) / 2];
    }
}
