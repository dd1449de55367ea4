namespace Wisp.Node.Hosting;

/// <summary>
/// Files only the node's user may read (mode 0600) inside a directory only it may enter (0700): the node key and
/// the TLS private key. Created with that mode from the first byte; refused at start if someone loosened it.
/// </summary>
internal static class SecretFiles
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates the data directory (0700) if it does not exist.</summary>
    public static void EnsureDirectory(string path)
    {
        if (Directory.Exists(path)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, OwnerOnlyDirectory);
    }

    /// <summary>Writes a new file that only its owner can read; fails if it already exists.</summary>
    public static void CreateNew(string path, ReadOnlySpan<byte> contents)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnlyFile;
        using var stream = new FileStream(path, options);
        stream.Write(contents);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Why <paramref name="path"/> must not be used as a secret file (group or others may access it), or null.</summary>
    public static string? ExposureProblem(string path)
    {
        if (OperatingSystem.IsWindows()) return null;
        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOther) == 0) return null;
        return $"{path} can be read by other users (mode {Octal(mode)}); it holds a private key. "
            + $"Run `chmod 600 {path}` (and check who could have copied it).";
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
}
