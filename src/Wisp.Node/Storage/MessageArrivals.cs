using Wisp.Node.Admission;

namespace Wisp.Node.Storage;

/// <summary>
/// Tells waiting retrieves (Wisp's <c>wisp_wait_ms</c> extension) that a message for (owner, namespace) was committed.
/// The store signals after each commit; a retrieve registers before it reads, so a message committed between its read
/// and its wait still wakes it. Bounded and shared fairly: at most <see cref="Capacity"/> waiters at once, of which
/// unsigned waits (anyone can make them) hold at most <see cref="UnsignedCapacity"/>, one client address at most
/// <see cref="PerAddress"/> and one account's signed waits at most <see cref="PerAccount"/>. A retrieve refused a
/// place answers at once, as a Session node would.
/// </summary>
public sealed class MessageArrivals
{
    /// <summary>Waiters a node holds at once by default (<see cref="Limits.MaxWaitingRetrieves"/>).</summary>
    public const int DefaultCapacity = Limits.MaxWaitingRetrieves;

    private readonly Dictionary<(string Owner, int Namespace), List<ArrivalWaiter>> _waiters = [];
    private readonly Dictionary<string, int> _byAddress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byAccount = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _count;
    private int _unsigned;

    /// <summary>
    /// Arrivals with room for <paramref name="capacity"/> waiters, a tenth of them (<see cref="Limits.UnsignedWaitShareDivisor"/>)
    /// for unsigned waits, and the per-address and per-account caps of <see cref="Limits"/> unless given.
    /// </summary>
    public MessageArrivals(
        int capacity = DefaultCapacity, int perAddress = Limits.MaxWaitingRetrievesPerAddress, int perAccount = Limits.MaxWaitingRetrievesPerAccount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfNegative(perAddress);
        ArgumentOutOfRangeException.ThrowIfNegative(perAccount);
        Capacity = capacity;
        UnsignedCapacity = capacity / Limits.UnsignedWaitShareDivisor;
        PerAddress = perAddress;
        PerAccount = perAccount;
    }

    /// <summary>How many waiters may wait at once.</summary>
    public int Capacity { get; }

    /// <summary>How many of them may be unsigned waits.</summary>
    public int UnsignedCapacity { get; }

    /// <summary>How many waits one client address may hold (when the address is known).</summary>
    public int PerAddress { get; }

    /// <summary>How many signed waits one account (or one subaccount token of it) may hold.</summary>
    public int PerAccount { get; }

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
    /// Registers a signed waiter from no known address (see <see cref="TryRegister(string, int, WaitClaim)"/>).
    /// </summary>
    public ArrivalWaiter? TryRegister(string owner, int ns) => TryRegister(owner, ns, new WaitClaim(null, Signed: true));

    /// <summary>
    /// Registers a waiter for the next message committed for (<paramref name="owner"/>, <paramref name="ns"/>), or
    /// returns null when the node, the unsigned share, the caller's address or the account has no place left. Dispose it
    /// when done.
    /// </summary>
    public ArrivalWaiter? TryRegister(string owner, int ns, WaitClaim claim)
    {
        ArgumentNullException.ThrowIfNull(owner);
        lock (_gate)
        {
            if (_count >= Capacity
                || (!claim.Signed && _unsigned >= UnsignedCapacity)
                || (claim.Address is { } address && _byAddress.GetValueOrDefault(address) >= PerAddress)
                || (claim.Signed && _byAccount.GetValueOrDefault(claim.Signer ?? owner) >= PerAccount))
                return null;
            var waiter = new ArrivalWaiter(this, (owner, ns), claim);
            if (!_waiters.TryGetValue(waiter.Key, out var list))
                _waiters[waiter.Key] = list = [];
            list.Add(waiter);
            _count++;
            if (!claim.Signed) _unsigned++;
            if (claim.Address is { } from) _byAddress[from] = _byAddress.GetValueOrDefault(from) + 1;
            if (claim.Signed) _byAccount[claim.Signer ?? owner] = _byAccount.GetValueOrDefault(claim.Signer ?? owner) + 1;
            return waiter;
        }
    }

    /// <summary>Told of every signal before the waiters are (the monitor stream, <c>Monitor/</c>); set once at start.</summary>
    internal IArrivalObserver? Observer { get; set; }

    /// <summary>Wakes every waiter for (<paramref name="owner"/>, <paramref name="ns"/>).</summary>
    public void Signal(string owner, int ns)
    {
        Observer?.Arrived(owner, ns);
        List<ArrivalWaiter>? woken;
        lock (_gate)
        {
            if (!_waiters.Remove((owner, ns), out woken))
                return;
            foreach (var waiter in woken) Release(waiter);
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
                Release(waiter);
                if (list.Count == 0)
                    _waiters.Remove(waiter.Key);
            }
        }
    }

    // Under _gate: gives back the places the waiter held.
    private void Release(ArrivalWaiter waiter)
    {
        _count--;
        if (!waiter.Claim.Signed) _unsigned--;
        if (waiter.Claim.Address is { } address) Decrement(_byAddress, address);
        if (waiter.Claim.Signed) Decrement(_byAccount, waiter.Claim.Signer ?? waiter.Key.Owner);
    }

    private static void Decrement(Dictionary<string, int> counts, string key)
    {
        var left = counts[key] - 1;
        if (left == 0) counts.Remove(key);
        else counts[key] = left;
    }
}

/// <summary>Hears that a message for (owner, namespace) was committed, on the storing thread: it must not block.</summary>
internal interface IArrivalObserver
{
    void Arrived(string owner, int ns);
}

/// <summary>
/// Who asks to wait, for the fair shares of <see cref="MessageArrivals"/>: the client's address key (null when unknown,
/// as behind an onion path), whether the retrieve was signed, and for a signed one who signed it when that is not the
/// account itself (a subaccount token, so a group's members do not share one account's places; null: the account).
/// </summary>
public readonly record struct WaitClaim(string? Address, bool Signed, string? Signer = null);

/// <summary>One registered wait for a message arrival; disposing it unregisters it.</summary>
public sealed class ArrivalWaiter : IDisposable
{
    private readonly MessageArrivals _arrivals;
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal ArrivalWaiter(MessageArrivals arrivals, (string Owner, int Namespace) key, WaitClaim claim)
    {
        _arrivals = arrivals;
        Key = key;
        Claim = claim;
    }

    internal (string Owner, int Namespace) Key { get; }

    internal WaitClaim Claim { get; }

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
