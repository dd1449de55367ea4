namespace Wisp.Direct;

// Connecting's sizes and caps.
public static partial class Limits
{
    /// <summary>Largest frame a session carries (1 MiB): the secret stream's default message cap; files go in chunks.</summary>
    public const int MaxFrameBytes = 1024 * 1024;

    /// <summary>Inbound sessions waiting for <see cref="Connect.DirectEndpoint.AcceptAsync"/> (64): more are refused, not queued.</summary>
    public const int AcceptBacklog = 64;

    /// <summary>Handshakes a listener holds open at once (256): each keeps a stream and keys until it connects or expires.</summary>
    public const int MaxPendingHandshakes = 256;

    /// <summary>How long a listener keeps an answered handshake waiting for its path (15 s): punch plus relay pairing.</summary>
    public static readonly TimeSpan HandshakeSlotLifetime = TimeSpan.FromSeconds(15);

    /// <summary>Bounded wait for an orderly close (2 s) before the stream is dropped.</summary>
    public static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Relay nodes asked per connect (2), in the order configured.</summary>
    public const int RelayAttempts = 2;

    /// <summary>DHT relays tried for the handshake (3), as HyperDHT's concurrent attempts.</summary>
    public const int HandshakeAttempts = 3;
}
