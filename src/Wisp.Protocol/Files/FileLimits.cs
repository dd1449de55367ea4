namespace Wisp.Protocol.Files;

/// <summary>The file server's limits, shared by the server and its clients.</summary>
public static class FileLimits
{
    /// <summary>Largest body of Session's <c>POST /file</c> (6,000,000 bytes, 6 MB not MiB): Session's <c>MAX_FILE_SIZE</c>, small enough to cross an onion path.</summary>
    public const int MaxFileBytes = 6_000_000;

    /// <summary>Largest base64 string of the legacy <c>POST /files</c> (8,000,000 characters): Session's <c>MAX_FILE_SIZE_B64</c>.</summary>
    public const int MaxFileBase64Chars = 8_000_000;

    /// <summary>Ciphertext bytes per chunk a client cuts a large file into (4 MiB): large enough that a 1 GB file is 239 requests, small enough to cross a 10 MiB onion request.</summary>
    public const int ChunkBytes = 4 * 1024 * 1024;

    /// <summary>Largest chunk body a PUT may carry (4 MiB + 4 KiB): a chunk plus room for the client's per-chunk framing.</summary>
    public const int MaxChunkBytes = ChunkBytes + 4 * 1024;

    /// <summary>Most hashes one <c>POST /chunks/have</c> may ask about (1,024 = 4 GiB of chunks): one request covers a 1 GB file.</summary>
    public const int MaxHaveHashes = 1024;

    /// <summary>How long a file or chunk is kept after its last upload unless the operator says otherwise (14 days).</summary>
    public static readonly TimeSpan DefaultExpiry = TimeSpan.FromDays(14);

    /// <summary>How far an uploader's signed timestamp may be from the server's clock (24 hours, as Session's X-FS-Timestamp).</summary>
    public static readonly TimeSpan SignatureWindow = TimeSpan.FromHours(24);
}
