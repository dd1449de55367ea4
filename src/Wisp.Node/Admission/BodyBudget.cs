namespace Wisp.Node.Admission;

/// <summary>
/// The node-wide allowance of in-flight body bytes (<see cref="Limits.MaxInFlightBodyBytes"/>): a request body's
/// buffer is reserved here before it grows, an answer before it is written (and until the client has taken it), a
/// relay's copy buffer while it relays; so many slow, large or never-reading clients at once cannot exhaust memory.
/// </summary>
public sealed class BodyBudget(long maxBytes)
{
    private long _used;
    private long _peak;
    private long _recentPeak;

    /// <summary>A budget of <see cref="Limits.MaxInFlightBodyBytes"/>.</summary>
    public BodyBudget() : this(Limits.MaxInFlightBodyBytes) { }

    /// <summary>Bytes reserved now.</summary>
    public long Used => Volatile.Read(ref _used);

    /// <summary>The most bytes that may be reserved at once.</summary>
    public long Limit => maxBytes;

    /// <summary>The most bytes reserved at any one time since the node started (a high-water mark, for tests and metrics).</summary>
    public long Peak => Volatile.Read(ref _peak);

    /// <summary>Reserves <paramref name="bytes"/> if the budget allows; false otherwise.</summary>
    public bool TryReserve(long bytes)
    {
        var used = Interlocked.Add(ref _used, bytes);
        if (used <= maxBytes)
        {
            long peak;
            while (used > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, used, peak) != peak) { }
            while (used > (peak = Volatile.Read(ref _recentPeak)) && Interlocked.CompareExchange(ref _recentPeak, used, peak) != peak) { }
            return true;
        }
        Interlocked.Add(ref _used, -bytes);
        return false;
    }

    /// <summary>The most bytes reserved at once since the last call (and starts a new period).</summary>
    public long TakeRecentPeak() => Interlocked.Exchange(ref _recentPeak, Used);

    /// <summary>Reserves <paramref name="bytes"/> as a lease that gives them back when disposed; null if the budget does not allow.</summary>
    public BudgetLease? TryLease(long bytes) => TryReserve(bytes) ? new BudgetLease(this, bytes) : null;

    /// <summary>Returns bytes reserved earlier.</summary>
    public void Release(long bytes) => Interlocked.Add(ref _used, -bytes);
}

/// <summary>Bytes reserved in a <see cref="BodyBudget"/>, given back once on <see cref="Dispose"/>.</summary>
public sealed class BudgetLease : IDisposable
{
    private readonly BodyBudget _budget;
    private long _bytes;

    internal BudgetLease(BodyBudget budget, long bytes)
    {
        _budget = budget;
        _bytes = bytes;
    }

    /// <summary>Gives the bytes back (once).</summary>
    public void Dispose() => _budget.Release(Interlocked.Exchange(ref _bytes, 0));
}
