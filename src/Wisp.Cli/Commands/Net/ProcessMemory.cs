using System.Diagnostics;

namespace Wisp.Cli.Commands.Net;

/// <summary>The resident memory (RSS) of a node process, for <c>wisp net status</c>.</summary>
internal static class ProcessMemory
{
    /// <summary>The process's resident set in bytes, or null when it has gone or cannot be read.</summary>
    public static long? ResidentBytes(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : process.WorkingSet64;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
