namespace Wisp.Node.Storage;

/// <summary>
/// Tells waiting retrieves (Wisp's <c>wisp_wait_ms</c> extension) that a message for (owner, namespace) was committed.
/// The store signals after each commit; a retrieve registers before it reads, so a message committed between its read
/// and its wait still wakes it. Bounded: at most <see cref="Capacity"/> waiters at once; past that a retrieve answers
/// at once, as a Session node would.
/// </summary>
public sealed class MessageArrivals
{
    /// <summary>Waiters a node holds at once by default (2,000): each is one parked request; beyond this the node stays responsive by not waiting.</summary>
    public const int DefaultCapacity = 2_000;

    private readonly Dictionary<(string Owner, int Namespace), List<ArrivalWaiter>> _waiters = [];
    private readonly Lock _gate = new();
    private int _count;

    /// <summary>Arrivals with room for <paramref name="capacity"/> waiters.</summary>
    public MessageArrivals(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
    }

    /// <summary>How many waiters may wait at once.</summary>
    public int Capacity { get; }

    /// <summary>How many are waiting now.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
                return _count;
        }
    }

    /// <summary>
    /// Registers a waiter for the next message committed for (<paramref name="owner"/>, <paramref name="ns"/>), or
    /// returns null when <see cref="Capacity"/> waiters are waiting already. Dispose it when done.
    /// </summary>
    public ArrivalWaiter? TryRegister(string owner, int ns)
    {
        ArgumentNullException.ThrowIfNull(owner);
        lock (_gate)
        {
            if (_count >= Capacity)
                return null;
            var waiter = new ArrivalWaiter(this, (owner, ns));
            if (!_waiters.TryGetValue(waiter.Key, out var list))
                _waiters[waiter.Key] = list = [];
            list.Add(waiter);
            _count++;
            return waiter;
        }
    }

    /// <summary>Wakes every waiter for (<paramref name="owner"/>, <paramref name="ns"/>).</summary>
    public void Signal(string owner, int ns)
    {
        List<ArrivalWaiter>? woken;
        lock (_gate)
        {
            if (!_waiters.Remove((owner, ns), out woken))
                return;
            _count -= woken.Count;
        }
        foreach (var waiter in woken)
            waiter.Wake();
    }

    internal void Remove(ArrivalWaiter waiter)
    {
        lock (_gate)
        {
            if (_waiters.TryGetValue(waiter.Key, out var list) && list.Remove(waiter))
            {
                _count--;
                if (list.Count == 0)
                    _waiters.Remove(waiter.Key);
            }
        }
    }
}

/// <summary>One registered wait for a message arrival; disposing it unregisters it.</summary>
public sealed class ArrivalWaiter : IDisposable
{
    private readonly MessageArrivals _arrivals;
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal ArrivalWaiter(MessageArrivals arrivals, (string Owner, int Namespace) key)
    {
        _arrivals = arrivals;
        Key = key;
    }

    internal (string Owner, int Namespace) Key { get; }

    /// <summary>Completes when a message arrives for the owner and namespace.</summary>
    public Task Arrived => _arrived.Task;

    /// <summary>Waits until a message arrives or <paramref name="wait"/> passes on <paramref name="time"/>; true when one arrived.</summary>
    public async Task<bool> WaitAsync(TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, time, stop.Token);
        var first = await Task.WhenAny(Arrived, delay).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false); // ends the timer when the message came first
        cancellationToken.ThrowIfCancellationRequested();
        return first == Arrived;
    }

    internal void Wake() => _arrived.TrySetResult();

    /// <summary>Unregisters the waiter (no effect once woken).</summary>
    public void Dispose() => _arrivals.Remove(this);
}
