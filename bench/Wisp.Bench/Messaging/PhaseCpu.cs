using System.Globalization;

namespace Wisp.Bench.Messaging;

/// <summary>
/// Where the CPU went during a phase: the machine's busy time (/proc/stat) against what this run used (this process,
/// <c>wisp up</c> and its node processes), so a phase disturbed by other work says so. Linux only; elsewhere zeros.
/// </summary>
internal sealed class PhaseCpu
{
    // USER_HZ: the unit of /proc's CPU times, 100 on every Linux build that matters here.
    private const double TicksPerSecond = 100;

    private readonly string[] _ours;
    private double _machineAtStart;
    private double _oursAtStart;
    private double _selfAtStart;
    private DateTime _startedAt;

    /// <summary>Follows this process, <paramref name="upPid"/> and its children (the nodes, started before this is made).</summary>
    public PhaseCpu(int upPid)
    {
        var children = Directory.Exists("/proc")
            ? Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(name => int.TryParse(name, out _) && ParentOf(name!) == upPid)
            : [];
        _ours = ["self", upPid.ToString(CultureInfo.InvariantCulture), .. children.Select(name => name!)];
        Start();
    }

    /// <summary>Starts a new phase.</summary>
    public void Start()
    {
        (_machineAtStart, _oursAtStart, _selfAtStart, _startedAt) = (MachineBusySeconds(), OursSeconds(), ProcessSeconds("self"), DateTime.UtcNow);
    }

    /// <summary>CPU-seconds used by the nodes, by this process (the two clients) and by other work since <see cref="Start"/>.</summary>
    public string Describe()
    {
        var available = (DateTime.UtcNow - _startedAt).TotalSeconds * Environment.ProcessorCount;
        var ours = OursSeconds() - _oursAtStart;
        var self = ProcessSeconds("self") - _selfAtStart;
        var others = Math.Max(0, MachineBusySeconds() - _machineAtStart - ours);
        return $"CPU-s of {available:0} available: nodes {ours - self:0.0}, clients (this process) {self:0.0}, other work {others:0.0}";
    }

    private double OursSeconds() => _ours.Sum(ProcessSeconds);

    private static int ParentOf(string pid)
    {
        var fields = StatFields(pid);
        return fields is null ? -1 : int.Parse(fields[1], CultureInfo.InvariantCulture);
    }

    private static double ProcessSeconds(string pid)
    {
        var fields = StatFields(pid);
        // utime and stime: the 12th and 13th fields after the command name.
        return fields is null ? 0 : (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    private static string[]? StatFields(string pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null; // gone, or not Linux
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static double MachineBusySeconds()
    {
        try
        {
            // cpu  user nice system idle iowait irq softirq steal …
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
