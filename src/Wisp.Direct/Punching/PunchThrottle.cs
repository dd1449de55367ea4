namespace Wisp.Direct.Punching;

/// <summary>
/// Random-port and birthday punches send thousands of packets: one at a time per endpoint, and a pause between
/// them, so a peer cannot turn us into a packet cannon. Thread-safe.
/// </summary>
public sealed class PunchThrottle(TimeProvider time, TimeSpan interval)
{
    private readonly Lock _gate = new();
    private bool _busy;
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    /// <summary>Takes the one slot if free and the interval has passed since the last random punch began.</summary>
    public bool TryEnter()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_busy || (_last != DateTimeOffset.MinValue && now - _last < interval)) return false;
            _busy = true;
            _last = now;
            return true;
        }
    }

    /// <summary>Frees the slot; the interval still runs from when it was taken.</summary>
    public void Exit()
    {
        lock (_gate) _busy = false;
    }
}
