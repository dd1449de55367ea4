namespace Wisp.Bench.Storage;

/// <summary>One measured phase: completed requests per second, latency percentiles, and every non-200 answer by status.</summary>
internal sealed record LoadResult(
    string Name, long Completed, TimeSpan Duration, double P50Ms, double P99Ms, IReadOnlyDictionary<int, long> NonOkByStatus, long Failures)
{
    /// <summary>Answers 200 over the whole phase, warm-up and the requests still in flight at the end included.</summary>
    public long OkAnswersInPhase { get; init; }

    /// <summary>CPU seconds the server process used in the measured window (0 when it shares the bench process).</summary>
    public double ServerCpuSeconds { get; init; }

    /// <summary>CPU seconds the load generator (this process) used in the measured window.</summary>
    public double LoadGeneratorCpuSeconds { get; init; }

    /// <summary>CPU seconds other processes on the machine used in the measured window: noise in the figure.</summary>
    public double OtherCpuSeconds { get; init; }

    /// <summary>Server CPU per completed request, in microseconds.</summary>
    public double ServerMicrosecondsPerRequest => Completed == 0 ? double.NaN : ServerCpuSeconds * 1e6 / Completed;

    public double RequestsPerSecond => Completed / Duration.TotalSeconds;

    /// <summary>True when every measured request was answered 200.</summary>
    public bool AllOk => NonOkByStatus.Count == 0 && Failures == 0;

    public string ErrorText =>
        AllOk
            ? "all 200"
            : string.Join(", ", NonOkByStatus.Select(pair => $"{pair.Value:N0}× {pair.Key}")
                .Concat(Failures > 0 ? [$"{Failures:N0} failed"] : []));
}
