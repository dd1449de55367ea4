namespace Wisp.Node.Admission;

/// <summary>
/// The node-wide allowance of buffered request-body bytes (<see cref="Limits.MaxBufferedBodyBytes"/>): a body's
/// buffer is reserved here before it grows, so many slow or large requests at once cannot exhaust memory.
/// </summary>
public sealed class BodyBudget(long maxBytes)
{
    private long _used;

    /// <summary>A budget of <see cref="Limits.MaxBufferedBodyBytes"/>.</summary>
    public BodyBudget() : this(Limits.MaxBufferedBodyBytes) { }

    /// <summary>Bytes reserved now.</summary>
    public long Used => Volatile.Read(ref _used);

    /// <summary>Reserves <paramref name="bytes"/> if the budget allows; false otherwise.</summary>
    public bool TryReserve(long bytes)
    {
        if (Interlocked.Add(ref _used, bytes) <= maxBytes) return true;
        Interlocked.Add(ref _used, -bytes);
        return false;
    }

    /// <summary>Returns bytes reserved earlier.</summary>
    public void Release(long bytes) => Interlocked.Add(ref _used, -bytes);
}
