namespace Wisp.Community;

/// <summary>The community server's limits and defaults; where pysogs has the same limit, the value is pysogs's.</summary>
public static class Limits
{
    /// <summary>How far a request's <c>X-SOGS-Timestamp</c> may be from the server's clock (24 h, seconds): pysogs's window.</summary>
    public const long SignatureWindowSeconds = 24 * 60 * 60;

    /// <summary>How long a used request nonce is remembered (24 h + 1 h, seconds): past the window a replay is refused by its timestamp anyway.</summary>
    public const long NonceMemorySeconds = SignatureWindowSeconds + 60 * 60;

    /// <summary>Default messages in one page (100): pysogs's default <c>limit</c>.</summary>
    public const int DefaultMessagePage = 100;

    /// <summary>Most messages in one page (256): pysogs truncates a larger <c>limit</c> to this.</summary>
    public const int MaxMessagePage = 256;

    /// <summary>Default reactors listed per reaction in message JSON (4): pysogs's default <c>reactors</c>.</summary>
    public const int DefaultReactors = 4;

    /// <summary>Most reactors listed per reaction in message JSON (20): pysogs truncates a larger <c>reactors</c> to this.</summary>
    public const int MaxReactors = 20;

    /// <summary>Longest reaction (12 UTF-8 code points): pysogs refuses longer ones, enough for any emoji sequence.</summary>
    public const int MaxReactionCodepoints = 12;

    /// <summary>Most subrequests in one <c>/batch</c> or <c>/sequence</c> (200): one onion request is bounded anyway; this bounds the work one request can ask for.</summary>
    public const int MaxBatchSubrequests = 200;

    /// <summary>Posts one user may make in one room per <see cref="PostRateIntervalSeconds"/> (5): pysogs's rate limit; admins are exempt.</summary>
    public const int PostRateCount = 5;

    /// <summary>The rate-limit window (16 s): pysogs's.</summary>
    public const double PostRateIntervalSeconds = 16.0;

    /// <summary>Largest message <c>data</c> (76,800 bytes, unpadded): Session pads messages to 160-byte blocks; this is well above Session's largest text and below an onion request.</summary>
    public const int MaxMessageDataBytes = 76_800;

    /// <summary>Largest request body Kestrel reads (10 MiB): an onion request, the largest thing a client sends (S2's uploads included).</summary>
    public const int MaxRequestBodyBytes = Protocol.Onion.OnionLimits.MaxRequestBytes;

    /// <summary>Most simultaneous connections (2,000): a busy room's pollers arrive through relays, each a short request.</summary>
    public const int MaxConnections = 2000;

    /// <summary>Default HTTP port (8081): unprivileged, beside the file server's 8080.</summary>
    public const int DefaultPort = 8081;

    /// <summary>Interval of the sweep that forgets expired nonces (60 s).</summary>
    public static readonly TimeSpan CleanupInterval = TimeSpan.FromSeconds(60);

    // S2 (users, moderation, DMs, files): pysogs's defaults.

    /// <summary>How long a direct message is kept (15 days, seconds): pysogs's <c>DM_EXPIRY</c>.</summary>
    public const double DmExpirySeconds = 15 * 86400.0;

    /// <summary>Largest room file (10,000,000 bytes): pysogs's <c>UPLOAD_FILE_MAX_SIZE</c>; larger uploads get 413.</summary>
    public const int MaxFileBytes = 10_000_000;

    /// <summary>How long an upload no post has claimed lives (1 h, seconds): pysogs's upload lifetime.</summary>
    public const double UploadLifetimeSeconds = 3600.0;

    /// <summary>How long a file a post claims lives (15 days, seconds): pysogs's <c>UPLOAD_DEFAULT_EXPIRY</c>.</summary>
    public const double FileExpirySeconds = 15 * 86400.0;

    /// <summary>Most files one post may claim (100): bounds the work of one post; Session attaches a handful.</summary>
    public const int MaxFilesPerPost = 100;

    /// <summary>Longest upload name kept whole on disk (60 characters): pysogs's <c>UPLOAD_FILENAME_MAX</c>.</summary>
    public const int DiskNameMax = 60;

    /// <summary>Characters kept from the start of a longer name (40): pysogs's <c>UPLOAD_FILENAME_KEEP_PREFIX</c>.</summary>
    public const int DiskNameKeepPrefix = 40;

    /// <summary>Characters kept from the end of a longer name (17): pysogs's <c>UPLOAD_FILENAME_KEEP_SUFFIX</c>.</summary>
    public const int DiskNameKeepSuffix = 17;

    /// <summary>Interval of the sweep that applies due bans and unbans and forgets expired DMs and files (10 s): pysogs's cleanup interval.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest delay of a scheduled permission change (10⁹ s, exclusive): pysogs's bound, which catches a unix time
    /// given where a duration belongs.
    /// </summary>
    public const double MaxFuturePermissionDelaySeconds = 1_000_000_000;
}
