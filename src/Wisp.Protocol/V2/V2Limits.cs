using Wisp.Crypto.Kem;

namespace Wisp.Protocol.V2;

/// <summary>Sizes and times of Session's protocol v2 (libsession docs/protocol-v2.md), each with its reason.</summary>
public static class V2Limits
{
    /// <summary>Bytes before the encrypted body: 00 02 ‖ ki(2) ‖ E(32) ‖ ML-KEM ciphertext(1088) = 1124.</summary>
    public const int HeaderBytes = 2 + SessionV2Kem.HeaderBytes;

    /// <summary>Poly1305 tag inside the encrypted body.</summary>
    public const int TagBytes = 16;

    /// <summary>Sealed messages are a multiple of this many bytes, so their size says little about the text.</summary>
    public const int PaddingBlockBytes = 256;

    /// <summary>The smallest sealed message: header + tag + at least 256 bytes of padded body, rounded up to 256 (1536).</summary>
    public const int MinimumMessageBytes = (HeaderBytes + TagBytes + PaddingBlockBytes + PaddingBlockBytes - 1) / PaddingBlockBytes * PaddingBlockBytes;

    /// <summary>
    /// The largest sealed message Wisp opens: the storage server's 76,800-byte message cap. Anything bigger could not
    /// have been stored, so opening refuses it rather than allocating for it.
    /// </summary>
    public const int MaximumMessageBytes = 76_800;

    /// <summary>Account keys rotate 12 h (± the jitter below) after the current one was created.</summary>
    public static readonly TimeSpan RotationInterval = TimeSpan.FromHours(12);

    /// <summary>The rotation jitter ε lies in [−1 h, +1 h], so devices do not all rotate at once.</summary>
    public static readonly TimeSpan RotationJitter = TimeSpan.FromHours(1);

    /// <summary>
    /// Rotated-away account keys are kept 16 days: the 14-day message TTL, plus 24 h a sender may have cached the
    /// keys, plus 24 h of margin.
    /// </summary>
    public static readonly TimeSpan KeyRetention = TimeSpan.FromDays(16);

    /// <summary>A contact's cached keys are used without fetching for 24 h.</summary>
    public static readonly TimeSpan ContactKeysFresh = TimeSpan.FromHours(24);

    /// <summary>Between 24 h and 48 h they are used while a background fetch runs; past 48 h they are not used.</summary>
    public static readonly TimeSpan ContactKeysUsable = TimeSpan.FromHours(48);

    /// <summary>A fetch that found no keys suppresses further fetches for 1 h.</summary>
    public static readonly TimeSpan NoKeysSuppression = TimeSpan.FromHours(1);

    /// <summary>The key bundle is stored with the longest TTL (30 days) so keys outlive an offline stretch.</summary>
    public static readonly TimeSpan BundleTtl = TimeSpan.FromDays(30);

    /// <summary>Namespace of the account key bundle: a public outbox only the owner writes.</summary>
    public const int BundleNamespace = -21;
}
