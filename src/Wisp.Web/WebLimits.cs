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

    /// <summary>Launch token length, bytes (32): 256 bits, beyond guessing.</summary>
    public const int TokenBytes = 32;
}
