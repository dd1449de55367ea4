using Wisp.Bench.Storage;

namespace Wisp.Bench;

/// <summary>Hidden modes in which the bench executable serves as a helper process of a suite.</summary>
internal static class ChildProcesses
{
    public static bool TryRun(string[] args, out int exitCode)
    {
        if (args[0] == NoopServer.ChildArgument)
        {
            exitCode = NoopServer.RunAsync().GetAwaiter().GetResult();
            return true;
        }
        exitCode = 0;
        return false;
    }
}
