namespace Wisp.Files.Storage;

/// <summary>What the index knows of one stored file or chunk: size and times in unix milliseconds.</summary>
internal sealed record StoredEntry(string Key, long Size, long UploadedMs, long ExpiresMs)
{
    /// <summary>Session's info shape: times as unix seconds with a fraction.</summary>
    public Protocol.Files.FileInfo ToInfo() => new(Size, UploadedMs / 1000.0, ExpiresMs / 1000.0);
}

/// <summary>Which table an entry lives in: Session's whole files or Wisp's chunks.</summary>
internal enum EntryKind
{
    File,
    Chunk,
}
