namespace Wisp.Network.Registry;

/// <summary>
/// An exclusive lock on "&lt;registry file&gt;.lock" held while one writer reads, appends and replaces the registry, so
/// two writers never both append to the same version. The lock file is left in place: deleting it would let a
/// waiting writer and a new one lock different files.
/// </summary>
internal static class RegistryLock
{
    public static string PathFor(string registryPath) => registryPath + ".lock";

    /// <summary>The held lock, or null when another writer holds it.</summary>
    public static FileStream? TryTake(string registryPath)
    {
        try
        {
            return new FileStream(PathFor(registryPath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not (DirectoryNotFoundException or FileNotFoundException))
        {
            return null;
        }
    }
}
