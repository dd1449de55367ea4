using System.Collections.Concurrent;

namespace Wisp.Node.Admission;

/// <summary>
/// How many requests each caller (a client address key of <see cref="ClientRateLimiter.KeyOf"/>, or a relaying node)
/// has in flight, capped at <c>maxPerCaller</c>. A slot is taken at admission and given back when the answer has been
/// written (or the connection dropped), so a client that never reads its answers runs out of slots instead of making
/// the node hold ever more of them. Memory is bounded: a caller with nothing in flight is forgotten.
/// </summary>
public sealed class ConcurrencyLimiter(int maxPerCaller)
{
    private readonly ConcurrentDictionary<UInt128, Counter> _counters = new();

    /// <summary>The cap per caller.</summary>
    public int MaxPerCaller => maxPerCaller;

    /// <summary>Callers with at least one request in flight.</summary>
    public int TrackedCallers => _counters.Count;

    /// <summary>Requests <paramref name="key"/> has in flight now.</summary>
    public int InFlight(UInt128 key) => _counters.TryGetValue(key, out var counter) ? Volatile.Read(ref counter.Value) : 0;

    /// <summary>A slot for one more request of <paramref name="key"/> (dispose it when the answer is out), or null at the cap.</summary>
    public IDisposable? TryEnter(UInt128 key)
    {
        while (true)
        {
            var counter = _counters.GetOrAdd(key, _ => new Counter());
            lock (counter)
            {
                // A counter removed after reaching zero is dead: take a fresh one.
                if (counter.Removed) continue;
                if (counter.Value >= maxPerCaller) return null;
                counter.Value++;
                return new Slot(this, key, counter);
            }
        }
    }

    private void Leave(UInt128 key, Counter counter)
    {
        lock (counter)
        {
            if (--counter.Value > 0) return;
            counter.Removed = true;
            _counters.TryRemove(new KeyValuePair<UInt128, Counter>(key, counter));
        }
    }

    private sealed class Counter
    {
        public int Value;
        public bool Removed;
    }

    private sealed class Slot(ConcurrencyLimiter limiter, UInt128 key, Counter counter) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0) limiter.Leave(key, counter);
        }
    }
}
