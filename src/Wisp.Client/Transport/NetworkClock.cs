using System.Globalization;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Transport;

/// <summary>
/// The network's time as the client knows it: the local clock plus an offset learned from the nodes' <c>t</c> (their
/// clock, Unix ms, in every storage answer). Every timestamp the client signs comes from <see cref="NowMs"/>, so a
/// machine clock that is off by an hour still produces timestamps the nodes accept (they allow ±60 s).
/// <para>
/// The offset moves only on agreement: each node's latest reading (<c>t − local time at receipt</c>) is kept, for the
/// last <see cref="ClientLimits.ClockSamples"/> nodes heard from, and the offset is their median once at least
/// <see cref="ClientLimits.ClockAgreement"/> distinct nodes have given one, so no single node, however often it
/// answers, sets the client's time. The median is taken only within <see cref="ClientLimits.MaxClockCorrection"/>:
/// beyond it the offset stays where it was and <see cref="Problem"/> says why. A node's 406 ("timestamp too far from
/// current time") makes the client ask several nodes for their time and start over from those readings alone
/// (<see cref="Correct"/>): the old readings just failed, perhaps because the machine's clock jumped.
/// </para>
/// </summary>
internal sealed class NetworkClock
{
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<Ed25519PublicKey, (long OffsetMs, long Order)> _readings = [];
    private long _order;
    private long _offsetMs;
    private string? _problem;

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

    /// <summary>Distinct nodes whose reading is kept (at most <see cref="ClientLimits.ClockSamples"/>).</summary>
    public int SampleCount
    {
        get
        {
            lock (_lock) return _readings.Count;
        }
    }

    /// <summary>
    /// Null while the nodes' clocks and the offset agree; else why the client did not follow them (they agree on a time
    /// further from the machine's clock than <see cref="ClientLimits.MaxClockCorrection"/>), for the person to act on.
    /// </summary>
    public string? Problem
    {
        get
        {
            lock (_lock) return _problem;
        }
    }

    /// <summary>The network's time now, Unix ms: what every signature timestamp uses.</summary>
    public long NowMs() => LocalMs() + OffsetMs;

    /// <summary>
    /// Takes <paramref name="node"/>'s <c>t</c> from an answer just received. False (and nothing changes) when it is not
    /// a plausible millisecond timestamp.
    /// </summary>
    public bool Observe(Ed25519PublicKey node, long serverTimeMs)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (serverTimeMs < ClientLimits.EarliestPlausibleTimeMs)
            return false;
        var offset = serverTimeMs - LocalMs();
        lock (_lock)
        {
            Record(node, offset);
            Settle();
        }
        return true;
    }

    /// <summary>
    /// A node refused a timestamp as too far from its clock (406/425): forget the earlier readings and start over from
    /// <paramref name="readings"/> (fresh <c>info</c> answers of several nodes). Fewer than
    /// <see cref="ClientLimits.ClockAgreement"/> plausible ones are only added to the old, as <see cref="Observe"/> would.
    /// True when the offset moved.
    /// </summary>
    public bool Correct(IReadOnlyCollection<(Ed25519PublicKey Node, long TimeMs)> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var now = LocalMs();
        var plausible = readings.Where(r => r.TimeMs >= ClientLimits.EarliestPlausibleTimeMs).DistinctBy(r => r.Node).ToList();
        lock (_lock)
        {
            var before = _offsetMs;
            if (plausible.Count >= ClientLimits.ClockAgreement)
                _readings.Clear();
            foreach (var (node, timeMs) in plausible)
                Record(node, timeMs - now);
            Settle();
            return _offsetMs != before;
        }
    }

    private long LocalMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private void Record(Ed25519PublicKey node, long offset)
    {
        _readings[node] = (offset, ++_order);
        if (_readings.Count > ClientLimits.ClockSamples)
            _readings.Remove(_readings.MinBy(r => r.Value.Order).Key);
    }

    private void Settle()
    {
        if (_readings.Count < ClientLimits.ClockAgreement)
            return;
        var sorted = _readings.Values.Select(r => r.OffsetMs).Order().ToList();
        // An even count takes the lower middle: an exact reading, never an average of two nodes' clocks.
        var median = sorted[(sorted.Count - 1) / 2];
        var bound = (long)ClientLimits.MaxClockCorrection.TotalMilliseconds;
        if (Math.Abs(median) > bound)
        {
            _problem = string.Create(CultureInfo.InvariantCulture,
                $"the nodes agree on a time {median / 60_000.0:+0;-0} minutes from this machine's clock, more than the {ClientLimits.MaxClockCorrection.TotalHours:0} h the client corrects: set the machine's clock right");
            return;
        }
        _offsetMs = median;
        _problem = null;
    }
}
