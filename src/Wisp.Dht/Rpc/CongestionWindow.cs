namespace Wisp.Dht.Rpc;

/// <summary>
/// dht-rpc's congestion window: four slots that rotate every <see cref="Limits.CongestionSlot"/>. A send is allowed
/// while the current slot holds fewer than <see cref="Limits.MaxSendsPerSlot"/> and the four together fewer than
/// <see cref="Limits.MaxSendsInWindow"/>; otherwise the sender waits for the next rotation.
/// </summary>
internal sealed class CongestionWindow
{
    private readonly int[] _slots = new int[4];
    private readonly object _gate = new();
    private int _current;
    private int _total;
    private TaskCompletionSource _rotated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool TryTake()
    {
        lock (_gate)
        {
            if (_slots[_current] >= Limits.MaxSendsPerSlot || _total >= Limits.MaxSendsInWindow) return false;
            _slots[_current]++;
            _total++;
            return true;
        }
    }

    /// <summary>Completes at the next rotation.</summary>
    public Task NextRotation
    {
        get { lock (_gate) return _rotated.Task; }
    }

    public void Rotate()
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            _current = (_current + 1) & 3;
            _total -= _slots[_current];
            _slots[_current] = 0;
            done = _rotated;
            _rotated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        done.TrySetResult();
    }

    public async ValueTask TakeAsync(CancellationToken cancellationToken)
    {
        while (!TryTake())
            await NextRotation.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
