namespace Wisp.Client.LocalData;

/// <summary>
/// Files and directories only their owner can read: directories 0700, files 0600, created with those modes (never
/// chmod-ed after the fact, so there is no moment when they are readable by others). Whole-file writes are atomic.
/// </summary>
/// <remarks>On Windows, where Unix modes do not exist, files get the default ACL of their directory.</remarks>
internal static class PrivateFiles
{
    public const UnixFileMode PrivateDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> and any missing parents with mode 0700; an existing directory is left as it is.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, PrivateDirectoryMode);
    }

    /// <summary>Creates a new, empty file with mode 0600; fails if it exists.</summary>
    public static void CreateEmptyFile(string path)
    {
        using var _ = Open(path, FileMode.CreateNew);
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="contents"/> atomically: the bytes go to a new 0600 file
    /// beside it, are flushed to disk, and the new file is renamed over the old. A crash leaves either the old file or
    /// the new one, never a half-written one.
    /// </summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> contents)
    {
        var temporary = $"{path}.{Convert.ToHexStringLower(Crypto.RandomBytes.Get(6))}.tmp";
        try
        {
            using (var stream = Open(temporary, FileMode.CreateNew))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    private static FileStream Open(string path, FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = PrivateFileMode;
        return new FileStream(path, options);
    }
}
