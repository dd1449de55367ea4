namespace Wisp.Network.Local;

/// <summary>
/// The network folder's two locks, both OS file locks that vanish with the process that holds them:
/// <c>network.lock</c>, held for the moment one command changes <c>network.json</c> and the registry; and
/// <c>up.lock</c>, held as long as a <c>wisp up</c> runs the network (its PID is in <c>up.pid</c> beside it).
/// </summary>
public static class LocalNetworkLocks
{
    /// <summary>The edit lock's file name.</summary>
    public const string EditLockFileName = "network.lock";

    /// <summary>The run lock's file name.</summary>
    public const string UpLockFileName = "up.lock";

    /// <summary>The file naming the PID of the <c>wisp up</c> that holds <see cref="UpLockFileName"/>.</summary>
    public const string UpPidFileName = "up.pid";

    /// <summary>The edit lock, waiting up to <paramref name="wait"/> for another command to finish its change; null if it does not.</summary>
    public static IDisposable? TakeEditLock(string folder, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            if (TryLock(Path.Combine(folder, EditLockFileName)) is { } held)
                return held;
            if (DateTime.UtcNow >= deadline)
                return null;
            Thread.Sleep(50);
        }
    }

    /// <summary>The run lock, with this process's PID written beside it; null when another <c>wisp up</c> holds it.</summary>
    public static IDisposable? TryTakeUpLock(string folder)
    {
        var held = TryLock(Path.Combine(folder, UpLockFileName));
        if (held is null)
            return null;
        File.WriteAllText(Path.Combine(folder, UpPidFileName), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return held;
    }

    /// <summary>The PID of the <c>wisp up</c> running this network (0 if its PID file is unreadable), or null when none runs it.</summary>
    public static int? RunningUpProcess(string folder)
    {
        if (!File.Exists(Path.Combine(folder, UpLockFileName)))
            return null;
        using (var probe = TryLock(Path.Combine(folder, UpLockFileName)))
        {
            if (probe is not null)
                return null;
        }
        try
        {
            return int.TryParse(File.ReadAllText(Path.Combine(folder, UpPidFileName)), out var pid) ? pid : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static FileStream? TryLock(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not (DirectoryNotFoundException or FileNotFoundException))
        {
            return null;
        }
    }
}
