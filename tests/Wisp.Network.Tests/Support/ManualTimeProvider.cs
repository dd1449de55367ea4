namespace Wisp.Network.Tests.Support;

/// <summary>A TimeProvider whose timers fire only when the test says so, so polling is tested without waiting.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];

    public IReadOnlyList<ManualTimer> Timers => _timers;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(callback, state, period);
        _timers.Add(timer);
        return timer;
    }

    public void FireAll()
    {
        foreach (var timer in _timers)
            timer.Fire();
    }

    internal sealed class ManualTimer(TimerCallback callback, object? state, TimeSpan period) : ITimer
    {
        public TimeSpan Period { get; } = period;
        public bool Disposed { get; private set; }

        public void Fire()
        {
            if (!Disposed)
                callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => !Disposed;
        public void Dispose() => Disposed = true;
        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
