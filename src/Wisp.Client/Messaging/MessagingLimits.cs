namespace Wisp.Client.Messaging;

/// <summary>Messaging's waits, retries and lifetimes, each with its unit and reason.</summary>
internal static class MessagingLimits
{
    /// <summary>How long a message stays in the recipient's swarm (14 days): Session's <c>TTL_DEFAULT.CONTENT_MESSAGE</c>.</summary>
    public static readonly TimeSpan MessageTtl = TimeSpan.FromDays(14);

    /// <summary>
    /// How long an opened message is remembered by what its sender signed (365 days), well past the swarm's 14 days:
    /// anyone can store a captured copy again, so the memory must outlast any plausible replay; a message signed
    /// longer ago than this is refused as a replay. A year of rows is about 40 bytes a message.
    /// </summary>
    public static readonly TimeSpan DedupeMemory = TimeSpan.FromDays(365);

    /// <summary>How long a typing indicator stays in the swarm (20 s): Session's typing TTL; it is stale after that.</summary>
    public static readonly TimeSpan TypingTtl = TimeSpan.FromSeconds(20);

    /// <summary>The shortest TTL a node accepts (10 s), for disappearing messages with shorter timers.</summary>
    public static readonly TimeSpan MinTtl = TimeSpan.FromSeconds(10);

    /// <summary>The wait after the first failed attempt (1 s), doubled after each further one.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between attempts (30 s): a message waits no longer than this for the network to come back, and
    /// a message is retried at this pace until its deadline (14 days, or its disappearing time).
    /// </summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>The wait a poll asks the node for (15 s): under the node's 20 s cap, so the node's cap never cuts it short.</summary>
    public static readonly TimeSpan PollWait = TimeSpan.FromSeconds(15);

    /// <summary>The pause between polls when the node cannot wait (2 s): the fallback's latency, at one request per 2 s.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>The pause after a failed poll, doubled up to <see cref="MaxRetryDelay"/>.</summary>
    public static readonly TimeSpan PollRetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>Pages of one poll at most (20): a node with a long backlog is read in bounded rounds.</summary>
    public const int MaxPagesPerPoll = 20;

    /// <summary>Outbox messages tried per round (32).</summary>
    public const int OutboxBatch = 32;

    /// <summary>Hashes per swarm delete (100): one signed request, well within a node's limits.</summary>
    public const int DeleteBatch = 100;

    /// <summary>How often a process looks for what other processes of the profile wrote (250 ms): quick enough to feel live.</summary>
    public static readonly TimeSpan ChangePoll = TimeSpan.FromMilliseconds(250);

    /// <summary>Tries of a reaction or an unsend before the person is told it failed (3; each try already uses other paths).</summary>
    public const int ActionAttempts = 3;

    /// <summary>The wait before the next try of a reaction or an unsend, times the try's number (500 ms, then 1 s).</summary>
    public static readonly TimeSpan ActionRetryDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a wait for delivery looks at the outbox (100 ms).</summary>
    public static readonly TimeSpan DeliveryCheck = TimeSpan.FromMilliseconds(100);

    /// <summary>Changes read from the feed at once (500).</summary>
    public const int ChangeBatch = 500;

    /// <summary>Disappearing messages the local timer schedules at once (1,000); it reloads after they go.</summary>
    public const int ExpiringBatch = 1_000;

    /// <summary>The longest the disappearing timer sleeps (30 s) before looking again for messages another process added.</summary>
    public static readonly TimeSpan ExpiryRecheck = TimeSpan.FromSeconds(30);

    /// <summary>A typing indicator older than this (20 s) is ignored: the person has long stopped or sent.</summary>
    public static readonly TimeSpan TypingFreshness = TimeSpan.FromSeconds(20);
}
