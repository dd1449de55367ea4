using System.Globalization;

namespace Wisp.Bench.Files;

/// <summary>
/// Peak resident memory per phase on Linux: VmHWM of each process, reset before the phase by writing 5 to its
/// <c>clear_refs</c> (allowed for one's own processes), so each figure is that phase's peak, not the run's.
/// </summary>
internal sealed class PeakMemory(int client, int server, IReadOnlyList<int> relays)
{
    public void Reset()
    {
        foreach (var pid in relays.Append(client).Append(server))
        {
            try
            {
                File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not Linux, or not ours: the figure is then the process's lifetime peak.
            }
        }
    }

    /// <summary>Client peak, server peak, highest relay peak (MB).</summary>
    public (double Client, double Server, double Relay) Read() =>
        (Mb(Hwm(client)), Mb(Hwm(server)), Mb(relays.Select(Hwm).DefaultIfEmpty(0).Max()));

    private static double Mb(long bytes) => bytes / 1e6;

    private static long Hwm(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
