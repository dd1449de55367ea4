namespace Wisp.Node.Monitor;

/// <summary>Open monitor connections, counted per client address and for the node, within <see cref="MonitorBounds"/>.</summary>
internal sealed class MonitorConnections(MonitorBounds bounds)
{
    private readonly Dictionary<UInt128, int> _byAddress = [];
    private readonly Lock _gate = new();
    private int _count;

    /// <summary>Connections open now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _count;
        }
    }

    /// <summary>Subscribers closed for falling <see cref="MonitorBounds.MaxQueuedBytes"/> behind, since start.</summary>
    public long DroppedTooSlow => Interlocked.Read(ref _droppedTooSlow);

    private long _droppedTooSlow;

    /// <summary>Counts one subscriber dropped as too slow.</summary>
    public void CountTooSlow() => Interlocked.Increment(ref _droppedTooSlow);

    /// <summary>Takes a place for a connection from <paramref name="address"/>; false (with the HTTP status to answer) when none is left.</summary>
    public bool TryOpen(UInt128 address, out int refusalStatus)
    {
        lock (_gate)
        {
            refusalStatus = _byAddress.GetValueOrDefault(address) >= bounds.MaxConnectionsPerAddress ? 429
                : _count >= bounds.MaxConnections ? 503
                : 0;
            if (refusalStatus != 0)
                return false;
            _byAddress[address] = _byAddress.GetValueOrDefault(address) + 1;
            _count++;
            return true;
        }
    }

    /// <summary>Gives back the place of a closed connection.</summary>
    public void Closed(UInt128 address)
    {
        lock (_gate)
        {
            _count--;
            var left = _byAddress[address] - 1;
            if (left == 0) _byAddress.Remove(address);
            else _byAddress[address] = left;
        }
    }
}
