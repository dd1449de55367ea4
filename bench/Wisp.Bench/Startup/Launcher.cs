namespace Wisp.Bench.Startup;

/// <summary>The repository's <c>./wisp</c> launcher script and what it runs, found from this bench's own folder.</summary>
internal static class Launcher
{
    /// <summary>The repository root: the nearest folder above this bench holding both <c>Wisp.slnx</c> and <c>wisp</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The launcher script.</summary>
    public static string Script => Path.Combine(Root, "wisp");

    /// <summary>The built program the launcher execs (valid once the launcher has run).</summary>
    public static string Apphost => Path.Combine(Root, "artifacts", "wisp", "current", OperatingSystem.IsWindows() ? "wisp.exe" : "wisp");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Wisp.slnx")) && File.Exists(Path.Combine(folder.FullName, "wisp")))
                return folder.FullName;
        }
        throw new InvalidOperationException("The repository (Wisp.slnx beside the ./wisp launcher) is not above this bench's folder.");
    }
}
