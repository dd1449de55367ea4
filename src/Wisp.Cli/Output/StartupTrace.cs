using System.Diagnostics;
using System.Globalization;
using Wisp.Cli.Commands;

namespace Wisp.Cli.Output;

/// <summary>
/// With <c>WISP_TRACE_STARTUP=1</c>, a command says on stderr the moment it starts its network work, so that the
/// start-up cost before it (runtime, parsing, opening the profile and the registry) can be measured from outside
/// (<c>bench startup</c>). The line carries the wall clock in Unix microseconds, comparable across processes.
/// </summary>
internal static class StartupTrace
{
    /// <summary>The environment variable that turns the trace on.</summary>
    public const string EnvironmentVariable = "WISP_TRACE_STARTUP";

    /// <summary>What the trace line starts with, for a reader to find it.</summary>
    public const string Prefix = "wisp-trace: network-work ";

    /// <summary>Writes the trace line when it is on; the first network request follows at once.</summary>
    public static void NetworkWork(CliEnvironment environment, TextWriter stderr)
    {
        if (environment.GetVariable(EnvironmentVariable) != "1")
            return;
        var now = DateTime.UtcNow;
        var unixMicroseconds = (now - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
        using var self = Process.GetCurrentProcess();
        // A launcher script that execs wisp keeps its process, so this counts the script's time too.
        var sinceStart = now - self.StartTime.ToUniversalTime();
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}unix_us={unixMicroseconds} since_process_start_ms={sinceStart.TotalMilliseconds:0.0}"));
    }
}
