namespace Wisp.Bench.Node;

/// <summary>
/// One measure: requests the driver completed in its window, latency percentiles, answers that were not 2xx and
/// transport errors, and the CPU the server process(es) and the rest of the machine used over the same window.
/// </summary>
internal sealed record Measurement(string Name, long Requests, double Seconds, double P50Ms, double P99Ms, long NotOk, long Errors)
{
    /// <summary>CPU seconds of the measured server process(es), utime + stime from /proc.</summary>
    public double ServerCpuSeconds { get; init; }

    /// <summary>CPU seconds of the load generator (wrk, or this process for the dotnet driver).</summary>
    public double DriverCpuSeconds { get; init; }

    /// <summary>CPU seconds every other process on the machine used meanwhile: noise in the figures.</summary>
    public double OtherCpuSeconds { get; init; }

    /// <summary>The non-2xx answers by status, when the driver tells them apart (the dotnet driver; wrk only counts them).</summary>
    public string StatusDetail { get; init; } = "";

    /// <summary>Requests answered 2xx.</summary>
    public long Acknowledged => Requests - NotOk;

    public double RequestsPerSecond => Seconds > 0 ? Requests / Seconds : double.NaN;

    /// <summary>Server CPU per acknowledged request, in microseconds.</summary>
    public double ServerMicrosecondsPerRequest => Acknowledged > 0 ? ServerCpuSeconds * 1e6 / Acknowledged : double.NaN;

    public bool AllOk => NotOk == 0 && Errors == 0 && Requests > 0;
}
