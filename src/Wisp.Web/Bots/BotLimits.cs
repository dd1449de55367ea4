namespace Wisp.Web.Bots;

/// <summary>The bot API's bounds, each with its unit and reason.</summary>
internal static class BotLimits
{
    /// <summary>Largest request body, bytes (64 KiB): the largest thing a bot sends is a post's text.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>Most connections at once (64): a few bots, each with a stream per room and a few calls.</summary>
    public const long MaxConnections = 64;

    /// <summary>Most event streams open at once (16): each holds a subscription and a queue.</summary>
    public const int MaxEventStreams = 16;

    /// <summary>Frames a stream queues for a bot that does not read (256): past this it is closed and told to reconnect with <c>since</c>.</summary>
    public const int MaxQueuedFrames = 256;

    /// <summary>Time between WebSocket pings (15 s): under common idle timeouts.</summary>
    public static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(15);

    /// <summary>Time between tries to connect to the local network when it is not there (2 s): `wisp up` may start later.</summary>
    public static readonly TimeSpan NetworkRetryInterval = TimeSpan.FromSeconds(2);

    /// <summary>Default and most messages one read returns (100 and 256): a catch-up page, not an export.</summary>
    public const int DefaultReadLimit = 100;

    /// <inheritdoc cref="DefaultReadLimit"/>
    public const int MaxReadLimit = 256;

    /// <summary>Most Unicode code points in a reaction (12): pysogs' limit, room for composed emoji.</summary>
    public const int MaxEmojiCodePoints = 12;

    /// <summary>Longest post, characters (2,000): the composer's bound for a message's text.</summary>
    public const int MaxTextLength = 2_000;

    /// <summary>Shortest token a token file may hold, characters (32): well beyond guessing.</summary>
    public const int MinTokenLength = 32;

    /// <summary>Random bytes in a fresh token (32): 256 bits.</summary>
    public const int TokenBytes = 32;

    /// <summary>Longest ban a bot may set, seconds (10 years): a number that fits every clock; null bans until unbanned.</summary>
    public const long MaxBanSeconds = 10L * 365 * 24 * 3600;

    /// <summary>Most stored posts one read or catch-up looks through, newest first (10,000): a room's recent past, bounded.</summary>
    public const int MaxScannedMessages = 10_000;
}
