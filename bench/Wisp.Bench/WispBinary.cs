namespace Wisp.Bench;

/// <summary>
/// The <c>wisp</c> executable the suites run nodes with: the one in this bench's output folder (a plain build), or the
/// one named by <c>WISP_BENCH_WISP</c> (e.g. the ReadyToRun build <c>./wisp</c> publishes, as nodes really run).
/// </summary>
internal static class WispBinary
{
    public const string Variable = "WISP_BENCH_WISP";

    public static (string FileName, string[] LeadingArguments) Resolve()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } chosen)
        {
            return File.Exists(chosen)
                ? (Path.GetFullPath(chosen), [])
                : throw new InvalidOperationException($"{Variable} names {chosen}, which does not exist.");
        }
        var apphost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "wisp.exe" : "wisp");
        return File.Exists(apphost) ? (apphost, []) : ("dotnet", [Path.Combine(AppContext.BaseDirectory, "wisp.dll")]);
    }
}
