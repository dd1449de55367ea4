using System.Globalization;

namespace Wisp.Bench.Node;

/// <summary>CPU seconds and memory of processes from /proc (Linux): utime + stime, VmRSS, VmHWM.</summary>
internal static class ProcessCpu
{
    // USER_HZ, the unit of /proc's CPU times.
    private const double TicksPerSecond = 100;

    /// <summary>utime + stime of <paramref name="pid"/> in seconds (its finished threads included); 0 once it is gone.</summary>
    public static double Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may hold spaces: fields are counted from the closing parenthesis (state is field 3).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    public static double Seconds(IEnumerable<int> pids) => pids.Sum(Seconds);

    /// <summary>The whole machine's busy CPU seconds (all but idle and iowait).</summary>
    public static double MachineBusySeconds()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Resident memory now (VmRSS) and the most it has been (VmHWM), in bytes; 0 when unknown.</summary>
    public static (long Resident, long Peak) Memory(int pid)
    {
        long resident = 0, peak = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) resident = Kilobytes(line) * 1024;
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line) * 1024;
            }
        }
        catch (IOException)
        {
            // gone
        }
        return (resident, peak);
    }

    /// <summary>The children of <paramref name="parent"/> whose command line contains every one of <paramref name="words"/>.</summary>
    public static List<int> Children(int parent, params string[] words)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var ppid = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (ppid != parent) continue;
                var arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
                if (words.All(arguments.Contains)) found.Add(pid);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
            {
                // exited meanwhile
            }
        }
        return found;
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
