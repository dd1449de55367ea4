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

    public static void Print()
    {
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {CpuModel}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, "
            + $".NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    }
}
