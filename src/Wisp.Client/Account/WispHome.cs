namespace Wisp.Client.Account;

/// <summary>
/// The directory that holds a user's Wisp data: <c>profiles/&lt;name&gt;/</c> for each account. Chosen, in order, by
/// an explicit path (<c>--home</c>), the <c>WISP_HOME</c> environment variable, <c>$XDG_DATA_HOME/wisp</c>, and
/// <c>~/.local/share/wisp</c> (<c>%LOCALAPPDATA%\wisp</c> on Windows).
/// </summary>
public sealed class WispHome
{
    /// <summary>The environment variable that names the home directory.</summary>
    public const string EnvironmentVariable = Wisp.Network.Local.WispHomePath.EnvironmentVariable;

    private const string ProfilesFolder = "profiles";

    private WispHome(string path) => Path = path;

    /// <summary>The home directory (absolute).</summary>
    public string Path { get; }

    /// <summary>Where the profiles live.</summary>
    public string ProfilesDirectory => System.IO.Path.Combine(Path, ProfilesFolder);

    /// <summary>A home at an explicit directory (made absolute).</summary>
    public static WispHome At(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new WispHome(System.IO.Path.GetFullPath(path));
    }

    /// <summary>
    /// The home to use: <paramref name="explicitPath"/> if given, else from <paramref name="environment"/> (a lookup of
    /// environment variables, passed in so that callers and tests decide what the environment is).
    /// </summary>
    public static WispHome Resolve(string? explicitPath, Func<string, string?> environment) =>
        At(Wisp.Network.Local.WispHomePath.Resolve(explicitPath, environment));

    /// <summary>The directory of one profile.</summary>
    public string ProfileDirectory(ProfileName profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return System.IO.Path.Combine(ProfilesDirectory, profile.Value);
    }

    /// <summary>The path.</summary>
    public override string ToString() => Path;
}
