namespace Wisp.Network.Local;

/// <summary>
/// Where a user's Wisp data lives, chosen in order by an explicit path (<c>--home</c>), the <c>WISP_HOME</c>
/// environment variable, <c>$XDG_DATA_HOME/wisp</c>, and <c>~/.local/share/wisp</c> (<c>%LOCALAPPDATA%\wisp</c> on
/// Windows). One rule for every part of Wisp: the client's profiles and the local network that <c>wisp up</c> runs
/// are found under the same home.
/// </summary>
public static class WispHomePath
{
    /// <summary>The environment variable that names the home directory.</summary>
    public const string EnvironmentVariable = "WISP_HOME";

    /// <summary>
    /// The home directory (absolute): <paramref name="explicitPath"/> if given, else from <paramref name="environment"/>
    /// (a lookup of environment variables, passed in so that callers and tests decide what the environment is).
    /// </summary>
    public static string Resolve(string? explicitPath, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(explicitPath))
            return Path.GetFullPath(explicitPath);
        if (environment(EnvironmentVariable) is { Length: > 0 } fromVariable)
            return Path.GetFullPath(fromVariable);
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "wisp");
        // The XDG base directory spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        if (environment("XDG_DATA_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
            return Path.GetFullPath(Path.Combine(xdg, "wisp"));
        var userHome = environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.GetFullPath(Path.Combine(userHome, ".local", "share", "wisp"));
    }
}
