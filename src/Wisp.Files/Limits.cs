namespace Wisp.Files;

/// <summary>The file server's own limits and defaults (the ones clients share are in <see cref="Protocol.Files.FileLimits"/>).</summary>
public static class Limits
{
    /// <summary>Default total of stored bytes (20 GB): room for a few dozen 1 GB transfers on a small server.</summary>
    public const long DefaultMaxDiskBytes = 20_000_000_000;

    /// <summary>Default bytes one uploader key may hold (2 GiB): one 1 GB file with room to spare, not the whole server.</summary>
    public const long DefaultUploaderQuotaBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>Free space kept on the data disk (256 MiB): below it uploads get 507 so the index and logs can still be written.</summary>
    public const long DefaultFreeSpaceFloorBytes = 256L * 1024 * 1024;

    /// <summary>Largest request body Kestrel reads (10 MiB): an onion request, which may carry a 4 MiB chunk or a 6 MB file.</summary>
    public const int MaxRequestBodyBytes = Protocol.Onion.OnionLimits.MaxRequestBytes;

    /// <summary>Bytes read from a request body at a time (64 KiB): a chunk is hashed and written piece by piece.</summary>
    public const int CopyBufferBytes = 64 * 1024;

    /// <summary>Default interval of the expiry sweep (60 s): expired entries already answer 404; this only frees the disk.</summary>
    public static readonly TimeSpan DefaultCleanupInterval = TimeSpan.FromSeconds(60);

    /// <summary>Most simultaneous connections (1,000): each in-flight chunk holds a temp file and a 64 KiB buffer.</summary>
    public const int MaxConnections = 1000;

    /// <summary>Default HTTP port (8080): unprivileged; relays call it when their operator allows the port.</summary>
    public const int DefaultPort = 8080;
}
