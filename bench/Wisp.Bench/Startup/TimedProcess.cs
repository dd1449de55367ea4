using System.Diagnostics;
using System.Globalization;

namespace Wisp.Bench.Startup;

/// <summary>One run of a command as a child process: exit code, output, wall time, and when it began its network work.</summary>
/// <param name="TotalMs">From just before the process was started to its exit (and the end of its output).</param>
/// <param name="NetworkWorkMs">From just before the start to the moment wisp said it begins network work (<c>WISP_TRACE_STARTUP=1</c>), or null.</param>
internal sealed record TimedRun(int ExitCode, string Stdout, string Stderr, double TotalMs, double? NetworkWorkMs);

/// <summary>Runs a command and times it from outside, as a person at a shell would feel it.</summary>
internal static class TimedProcess
{
    /// <summary>What <c>wisp</c> prints on stderr when it begins network work; see Wisp.Cli's <c>StartupTrace</c>.</summary>
    private const string TracePrefix = "wisp-trace: network-work unix_us=";

    public static async Task<TimedRun> RunAsync(string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var startedUs = UnixMicroseconds();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var (output, error) = (await stdout, await stderr);
        var total = clock.Elapsed.TotalMilliseconds;
        return new TimedRun(process.ExitCode, output, error, total, NetworkWorkMs(error, startedUs));
    }

    private static double? NetworkWorkMs(string stderr, long startedUs)
    {
        foreach (var line in stderr.Split('\n'))
        {
            if (!line.StartsWith(TracePrefix, StringComparison.Ordinal))
                continue;
            var digits = line[TracePrefix.Length..].Split(' ')[0];
            return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var us) ? (us - startedUs) / 1000.0 : null;
        }
        return null;
    }

    private static long UnixMicroseconds() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
}
