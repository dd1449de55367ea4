namespace Wisp.Bench.Storage;

/// <summary>
/// CPU time from /proc, as in Session's anchor measurement: the server's own CPU (utime + stime), the machine's
/// busy time, and so what other processes used meanwhile — a run disturbed by other work says so. Linux only; elsewhere
/// every reading is zero.
/// </summary>
internal sealed class CpuMeter(int? serverPid)
{
    // USER_HZ: the unit of /proc's CPU times, 100 on every Linux build that matters here.
    private const double TicksPerSecond = 100;

    /// <summary>A reading: seconds of CPU used so far by the machine, the server, and this (load generator) process.</summary>
    public readonly record struct Sample(double MachineBusy, double Server, double LoadGenerator);

    /// <summary>Reads the counters now; the server's reading is NaN when the server runs inside this process.</summary>
    public Sample Take() => new(
        MachineBusySeconds(),
        serverPid is { } pid ? ProcessSeconds(pid.ToString(System.Globalization.CultureInfo.InvariantCulture)) : double.NaN,
        ProcessSeconds("self"));

    private static double MachineBusySeconds()
    {
        try
        {
            // cpu  user nice system idle iowait irq softirq steal …
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var busy = new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => long.Parse(fields[i], System.Globalization.CultureInfo.InvariantCulture));
            return busy / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static double ProcessSeconds(string pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may contain spaces) start at state; utime and stime are the 12th and 13th.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture)
                + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
