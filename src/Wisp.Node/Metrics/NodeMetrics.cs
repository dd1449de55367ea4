using System.Collections.Concurrent;

namespace Wisp.Node.Metrics;

/// <summary>
/// Request counters of the storage RPC by method label and HTTP status. Both labels come from closed sets
/// (<see cref="MethodLabel"/>, the statuses the node answers with), so the number of series is bounded.
/// </summary>
public sealed class NodeMetrics(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<(string Method, int Status), Counter> _requests = new();
    private readonly long _started = timeProvider.GetTimestamp();

    /// <summary>Time since the node started.</summary>
    public TimeSpan Uptime => timeProvider.GetElapsedTime(_started);

    /// <summary>Counts one answered request.</summary>
    public void CountRequest(string method, int status) =>
        Interlocked.Increment(ref _requests.GetOrAdd((method, status), static _ => new Counter()).Value);

    /// <summary>A snapshot of the request counts, sorted by method then status.</summary>
    public IReadOnlyList<RequestCount> Requests() =>
        _requests
            .Select(entry => new RequestCount(entry.Key.Method, entry.Key.Status, Volatile.Read(ref entry.Value.Value)))
            .OrderBy(count => count.Method, StringComparer.Ordinal)
            .ThenBy(count => count.Status)
            .ToList();

    private sealed class Counter
    {
        public long Value;
    }
}

/// <summary>How many requests of a method were answered with a status.</summary>
public sealed record RequestCount(string Method, int Status, long Count);
