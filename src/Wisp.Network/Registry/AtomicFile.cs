namespace Wisp.Network.Registry;

/// <summary>
/// Whole-file reads with a size cap, and writes that readers never see half done: write a temporary file in the same
/// folder, flush it to disk, then rename it over the target (an atomic replace on POSIX and NTFS).
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="contents"/> to <paramref name="path"/> atomically; the temporary file is removed on failure.</summary>
    public static void Write(string path, ReadOnlySpan<byte> contents)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Reads the whole file if it is at most <paramref name="maxBytes"/> long; otherwise the error says so.</summary>
    public static RegistryResult<byte[]> Read(string path, int maxBytes)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > maxBytes)
                return new RegistryError(RegistryErrorKind.TooLarge, $"the registry file is {stream.Length} bytes; at most {maxBytes} are allowed");
            var buffer = new byte[stream.Length];
            stream.ReadExactly(buffer);
            return RegistryResult<byte[]>.Success(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new RegistryError(RegistryErrorKind.Unreadable, $"the registry file cannot be read ({e.Message})");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stray temporary file is harmless; the original error matters more.
        }
    }
}
