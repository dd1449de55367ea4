namespace Wisp.Web;

/// <summary>The web server's bounds, each with its unit and reason.</summary>
internal static class WebLimits
{
    /// <summary>Largest request body, bytes (64 KiB): the largest thing sent is a message's text, far below this.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>Most connections at once (64): one person's browser tabs; a page holds one event stream and a few calls.</summary>
    public const long MaxConnections = 64;

    /// <summary>Most event streams open at once (16): each holds a subscription to the client's events.</summary>
    public const int MaxEventStreams = 16;

    /// <summary>Group message and transfer frames an event stream queues before dropping the oldest (256): the page re-reads its lists every 15 s anyway.</summary>
    public const int MaxQueuedExtraFrames = 256;

    /// <summary>Time between keep-alive comments on an event stream (15 s): under common idle timeouts of proxies and browsers.</summary>
    public static readonly TimeSpan EventPingInterval = TimeSpan.FromSeconds(15);

    /// <summary>Time between tries to connect to the local network when it was not there at unlock (2 s): `wisp up` may start later.</summary>
    public static readonly TimeSpan NetworkRetryInterval = TimeSpan.FromSeconds(2);

    /// <summary>Most messages a history call returns (1,000): a page of a chat, not an export.</summary>
    public const int MaxHistory = 1_000;

    /// <summary>Most results a search returns (200).</summary>
    public const int MaxSearchResults = 200;

    /// <summary>Longest disappearing timer a conversation may set, seconds (14 days): no message lives longer in a swarm anyway.</summary>
    public const long MaxDisappearingSeconds = 14 * 24 * 3600;

    /// <summary>Largest file sent from the page, bytes (1 GiB): the attachment SDK's limit (issue 15), streamed, never held whole.</summary>
    public const long MaxUploadBytes = 1L << 30;

    /// <summary>Largest profile picture, bytes (5 MiB): a photo from a phone; pictures go to every contact, so kept small.</summary>
    public const long MaxPictureBytes = 5L << 20;

    /// <summary>Longest file name an upload may carry, characters (255): what common file systems allow.</summary>
    public const int MaxFileNameLength = 255;

    /// <summary>Longest caption, characters (2,000): the same bound as a message's text in the composer.</summary>
    public const int MaxCaptionLength = 2_000;

    /// <summary>Most members a create or invite call names (100): Session's group size; the SDK holds the real limit.</summary>
    public const int MaxMembersPerCall = 100;

    /// <summary>Longest community message from the page, characters (2,000): the composer's bound, as for captions.</summary>
    public const int MaxCommunityTextLength = 2_000;

    /// <summary>Longest reaction, Unicode code points (12): pysogs's bound; an emoji with its modifiers fits.</summary>
    public const int MaxReactionLength = 12;

    /// <summary>Longest timed ban, seconds (ten years): beyond that, ban until lifted (no timeout).</summary>
    public const long MaxBanSeconds = 10L * 365 * 24 * 3600;

    /// <summary>Launch token length, bytes (32): 256 bits, beyond guessing.</summary>
    public const int TokenBytes = 32;
}
