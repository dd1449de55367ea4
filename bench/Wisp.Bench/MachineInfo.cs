namespace Wisp.Bench;

/// <summary>What machine the figures come from: core count and CPU model (no paths, no host names).</summary>
internal static class MachineInfo
{
    public static string CpuModel
    {
        get
        {
            try
            {
                var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                return line?[(line.IndexOf(':') + 1)..].Trim() ?? "unknown CPU";
            }
            catch (IOException)
            {
                return "unknown CPU";
            }
        }
    }

    /// <summary>The 1-minute load average: other work on the machine disturbs every figure.</summary>
    public static string LoadAverage
    {
        get
        {
            try
            {
                return File.ReadAllText("/proc/loadavg").Split(' ')[0];
            }
            catch (IOException)
            {
                return "unknown";
            }
        }
    }

    public static void PrintLoad(string when) => Console.WriteLine($"Load average (1 min) {when}: {LoadAverage} on {Environment.ProcessorCount} cores");

    public static void Print()
    {
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {CpuModel}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, "
            + $".NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    }
}
