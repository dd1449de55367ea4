namespace Wisp.Direct;

// Bounds on secret streams; every length a peer declares is checked against these before allocating.
public static partial class Limits
{
    /// <summary>Bytes of a frame's length prefix (uint24 little-endian).</summary>
    public const int LengthPrefixBytes = 3;

    /// <summary>Bytes: the largest frame body the uint24 prefix can state.</summary>
    public const int MaxFrameBodyBytes = 0xFFFFFF;

    /// <summary>Bytes a secretstream frame adds to its message (a 1-byte tag and a 16-byte MAC).</summary>
    public const int FrameOverheadBytes = 17;

    /// <summary>Bytes: the largest message allowed at all (what the uint24 prefix leaves after the overhead).</summary>
    public const int MaxMessageBytes = MaxFrameBodyBytes - FrameOverheadBytes;

    /// <summary>Bytes: default largest message; 1 MiB holds a file chunk and keeps one peer's frame from pinning 16 MiB.</summary>
    public const int DefaultMaxMessageBytes = 1 << 20;

    /// <summary>Bytes of the header message each side sends first: stream id (32) ‖ secretstream header (24).</summary>
    public const int HeaderMessageBytes = 56;

    /// <summary>Bytes: the largest Noise handshake message, per the Noise specification.</summary>
    public const int MaxHandshakeMessageBytes = 65535;
}
