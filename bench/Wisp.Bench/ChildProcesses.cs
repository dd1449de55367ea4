using Wisp.Bench.Storage;

namespace Wisp.Bench;

/// <summary>Hidden modes in which the bench executable serves as a helper process of a suite.</summary>
internal static class ChildProcesses
{
    /// <summary>Makes the bench exit at once: an empty .NET program, the runtime's start-up floor for <c>startup</c>.</summary>
    public const string NoopArgument = "--noop-child";

    public static bool TryRun(string[] args, out int exitCode)
    {
        if (args[0] == NoopArgument)
        {
            exitCode = 0;
            return true;
        }
        if (args[0] == NoopServer.ChildArgument)
        {
            exitCode = NoopServer.RunAsync().GetAwaiter().GetResult();
            return true;
        }
        exitCode = 0;
        return false;
    }
}
