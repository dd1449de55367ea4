namespace Wisp.Client.Communities;

/// <summary>The client's community limits, each with its unit and reason.</summary>
internal static class CommunityLimits
{
    /// <summary>Longest join URL accepted, in characters (2,000: a host, a token and a 64-character key fit many times over).</summary>
    public const int MaxUrlLength = 2_000;

    /// <summary>Longest room token, in characters (64, pysogs's limit).</summary>
    public const int MaxRoomTokenLength = 64;

    /// <summary>How often joined rooms are polled (4 s: Session's community poller's interval).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(4);

    /// <summary>How long one community request may take through an onion path (30 s: three hops on a loaded machine).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Onion paths tried for one request before giving up (3: a fresh path each time).</summary>
    public const int Attempts = 3;

    /// <summary>Longest text post, in UTF-8 bytes (2,000: Session's message length limit in a community).</summary>
    public const int MaxTextBytes = 2_000;

    /// <summary>Messages asked for per room per poll (256, pysogs's largest <c>limit</c>).</summary>
    public const int MessagesPerPoll = 256;

    /// <summary>Reactors listed per reaction in a poll (5, what Session's client asks for).</summary>
    public const int ReactorsPerPoll = 5;

    /// <summary>Largest reply body read from a server, in bytes (10 MiB: a full poll of 256 large messages fits).</summary>
    public const int MaxReplyBytes = 10 * 1024 * 1024;

    /// <summary>Longest reaction, in UTF-8 bytes (32: pysogs refuses longer; one emoji with modifiers fits).</summary>
    public const int MaxReactionBytes = 32;
}
