namespace Wisp.Client.Attachments;

/// <summary>Sizes and bounds of attachment transfers, each with its unit and reason.</summary>
internal static class AttachmentLimits
{
    /// <summary>
    /// Plaintext per secretstream piece (64 KiB): libsodium's advice for streams is small pieces; with 17 bytes of
    /// overhead each, a 1 GB file costs 0.03 % more ciphertext, and a reader holds one piece at a time.
    /// </summary>
    public const int PieceBytes = 64 * 1024;

    /// <summary>Ciphertext per chunk on the file server (4 MiB): the server's chunk size, and well inside a 10 MiB onion request.</summary>
    public const int ChunkBytes = 4 * 1024 * 1024;

    /// <summary>Largest attachment sent (2 GiB − 1): Session's <c>AttachmentPointer.size</c> is a uint32, and the server's per-uploader quota is 2 GiB.</summary>
    public const long MaxFileBytes = int.MaxValue;

    /// <summary>Chunks in flight at once by default (4): one per onion path; beyond four, two guards' links are the bottleneck.</summary>
    public const int DefaultParallelPaths = 4;

    /// <summary>Largest number of parallel paths a caller may ask for (16): each holds a chunk and its onion layers in memory (about 25 MiB).</summary>
    public const int MaxParallelPaths = 16;

    /// <summary>Attempts per chunk before a transfer stops (6): a dead node on a path costs one, and a new path is taken each time.</summary>
    public const int ChunkAttempts = 6;

    /// <summary>Files in one message (32): what Session's clients allow per message.</summary>
    public const int MaxFilesPerMessage = 32;

    /// <summary>Chunks per manifest ((2 GiB / 4 MiB) + 1 = 513): a manifest never lists more than the largest file needs.</summary>
    public const int MaxManifestChunks = (int)(MaxFileBytes / ChunkBytes) + 2;

    /// <summary>The ciphertext length of a file of <paramref name="plaintextBytes"/>: header, then every piece with its overhead.</summary>
    public static long CiphertextBytes(long plaintextBytes) =>
        Crypto.Streams.SecretStreamEncryptor.HeaderBytes + plaintextBytes + (Pieces(plaintextBytes) * (long)Crypto.Streams.SecretStreamEncryptor.ABytes);

    /// <summary>Pieces of a file (at least one: an empty file is one empty, final piece).</summary>
    public static long Pieces(long plaintextBytes) => Math.Max(1, (plaintextBytes + PieceBytes - 1) / PieceBytes);

    /// <summary>Chunks of a ciphertext of <paramref name="ciphertextBytes"/>.</summary>
    public static int Chunks(long ciphertextBytes) => (int)((ciphertextBytes + ChunkBytes - 1) / ChunkBytes);
}
