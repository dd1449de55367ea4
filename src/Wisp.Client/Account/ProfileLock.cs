namespace Wisp.Client.Account;

/// <summary>
/// Tells whether a process has a profile open: every open client holds a shared lock on <c>in-use.lock</c> in the
/// profile directory (an advisory <c>flock</c> on Unix, a share mode on Windows), and deleting the profile first takes
/// it exclusively. The lock goes with the process, so a crashed process never leaves the profile "in use".
/// </summary>
internal static class ProfileLock
{
    /// <summary>The lock file's name inside a profile directory.</summary>
    public const string FileName = "in-use.lock";

    /// <summary>Holds the profile as open until disposed; null when the lock file cannot be made (a read-only directory).</summary>
    public static FileStream? Shared(string directory)
    {
        try
        {
            return Open(directory, FileShare.ReadWrite);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// True when no process has the profile open (the lock is then held alone, in <paramref name="held"/>, until disposed;
    /// null when no lock file can be made, so none can be held either).
    /// </summary>
    public static bool TryExclusive(string directory, out FileStream? held)
    {
        held = null;
        try
        {
            held = Open(directory, FileShare.None);
            return true;
        }
        catch (IOException) when (File.Exists(Path.Combine(directory, FileName)))
        {
            return false; // a sharing violation: another holder
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static FileStream Open(string directory, FileShare share)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = share };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(Path.Combine(directory, FileName), options);
    }
}
