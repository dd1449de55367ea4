using System.Runtime.InteropServices;

namespace Wisp.Testing;

/// <summary>Signals to processes a test did not start itself (a node started by <c>wisp up</c>, found by its PID).</summary>
public static class ProcessSignals
{
    private const int Sigkill = 9;
    private const int Sigterm = 15;

    /// <summary>kill -9: the process gets no chance to flush or clean up.</summary>
    public static void KillHard(int pid)
    {
        if (SendSignal(pid, Sigkill) != 0) throw new InvalidOperationException($"kill -9 {pid} failed (errno {Marshal.GetLastPInvokeError()}).");
    }

    /// <summary>SIGTERM: a graceful stop.</summary>
    public static void Terminate(int pid)
    {
        if (SendSignal(pid, Sigterm) != 0) throw new InvalidOperationException($"kill -TERM {pid} failed (errno {Marshal.GetLastPInvokeError()}).");
    }

    /// <summary>True while a process with this id exists.</summary>
    public static bool IsAlive(int pid) => SendSignal(pid, 0) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
