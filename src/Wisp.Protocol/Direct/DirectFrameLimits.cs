namespace Wisp.Protocol.Direct;

/// <summary>The limits of Wisp's frames on a direct session, each with its unit and reason.</summary>
public static class DirectFrameLimits
{
    /// <summary>
    /// Largest frame, in bytes (128 KiB): a whole stored message (at most 76,800 bytes, the storage server's limit) with
    /// its header, or a file chunk, fits; a peer cannot make the reader hold more than this for one frame.
    /// </summary>
    public const int MaxFrameBytes = 128 * 1024;

    /// <summary>Largest file chunk on a direct session, in bytes (64 KiB): several per secret-stream window, small enough to resume finely.</summary>
    public const int FileChunkBytes = 64 * 1024;

    /// <summary>Channel numbers a feature may register (1–1023); 0 is reserved.</summary>
    public const ushort MaxChannel = 1023;
}
