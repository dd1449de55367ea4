namespace Wisp.Push;

/// <summary>The push server's own limits and defaults, each with its unit and reason (those clients share are in <see cref="Protocol.Push.PushLimits"/>).</summary>
public static class Limits
{
    /// <summary>Default HTTP port (8090): unprivileged and beside the file server's 8080; relays call it when their operator allows it.</summary>
    public const int DefaultPort = 8090;

    /// <summary>Largest request body Kestrel reads (128 KiB): a 100,000-byte subscription batch inside an onion layer's framing.</summary>
    public const int MaxRequestBodyBytes = 128 * 1024;

    /// <summary>Most simultaneous connections (1,000): subscribe requests are small and quick.</summary>
    public const int MaxConnections = 1000;

    /// <summary>Most notifications waiting for delivery (100,000 rows): past it new ones go straight to the dead letters, so a dead distributor cannot fill the disk.</summary>
    public const int MaxQueuedDeliveries = 100_000;

    /// <summary>Most dead letters kept (10,000 rows): the oldest go first; they are for an operator to read, not an archive.</summary>
    public const int MaxDeadLetters = 10_000;

    /// <summary>Deliveries taken from the queue at a time (64): one SQLite read per batch.</summary>
    public const int DeliveryBatch = 64;

    /// <summary>Deliveries in flight at once (16): enough for many slow distributors, few enough sockets.</summary>
    public const int MaxConcurrentDeliveries = 16;

    /// <summary>Default attempts of one delivery before it becomes a dead letter (8): about ten minutes of retries with the default backoff.</summary>
    public const int DefaultMaxAttempts = 8;

    /// <summary>Default wait before the first retry (5 s); each further retry doubles it.</summary>
    public static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between two attempts (5 minutes): a distributor back after an outage gets its backlog soon.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    /// <summary>How long one delivery POST may take (10 s): a distributor that slow counts as down and is retried.</summary>
    public static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait of the delivery loop when nothing is due (1 s): retries fall due without a wake-up.</summary>
    public static readonly TimeSpan DeliveryIdleWait = TimeSpan.FromSeconds(1);

    /// <summary>How often expired subscriptions and old de-duplication marks are deleted (60 s): expired ones already get nothing.</summary>
    public static readonly TimeSpan DefaultCleanupInterval = TimeSpan.FromSeconds(60);

    /// <summary>Longest a de-duplication mark is kept (30 days): no message outlives it (Session's longest TTL).</summary>
    public static readonly TimeSpan MaxDedupLife = TimeSpan.FromDays(30);

    /// <summary>Longest service data kept with a subscription, in bytes (99,999, SPNS's <c>SERVICE_DATA_MAX_SIZE</c>).</summary>
    public const int MaxServiceDataBytes = 99_999;

    /// <summary>How often each node's monitor subscriptions are renewed (45 minutes): a node drops them after 65 minutes (Session's).</summary>
    public static readonly TimeSpan MonitorRenewInterval = TimeSpan.FromMinutes(45);

    /// <summary>Wait before reconnecting to a node whose stream failed (first 1 s, doubling to 60 s): a restarting node is back soon, a dead one is not hammered.</summary>
    public static readonly TimeSpan MonitorReconnectDelay = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait before reconnecting to a node (60 s).</summary>
    public static readonly TimeSpan MaxMonitorReconnectDelay = TimeSpan.FromSeconds(60);

    /// <summary>Subscriptions sent to a node in one frame (2,000): well under the node's 65,536 bencode values a frame.</summary>
    public const int MonitorSubscriptionsPerFrame = 2_000;

    /// <summary>Largest frame read from a node's stream (1 MiB + 64 KiB): one notification with a 76,800-byte message, or a resume reply.</summary>
    public const int MaxMonitorFrameBytes = 1024 * 1024 + 64 * 1024;
}
