using Wisp.Protocol.Storage;

namespace Wisp.Node.Admission;

/// <summary>
/// What the node's HTTP edge lets in, each with its unit and the reason for its value. The storage RPC's own limits
/// (message size, TTLs, batch size) are in <see cref="StorageLimits"/>; these bound what a client can make the node
/// hold before the RPC ever sees a request, and how much of the writer and of the waiting places one request may take.
/// </summary>
public static class Limits
{
    /// <summary>
    /// Largest storage RPC body, in bytes (2.5 MiB = 2,621,440). The largest legitimate request is a batch of
    /// <see cref="StorageLimits.MaxBatchSubrequests"/> (20) stores each carrying
    /// <see cref="StorageLimits.MaxMessageBase64Chars"/> (102,400) base64 characters: 2,048,000 bytes of data, plus
    /// under 1 KiB of params per subrequest (keys, signature, timestamps). 2.5 MiB leaves over 25 KiB a subrequest
    /// for whitespace and field order, and still bounds a request to a small multiple of what any client sends.
    /// </summary>
    public const int MaxRequestBodyBytes = 2_621_440;

    /// <summary>
    /// Most bytes of request and response bodies the node holds at once, over all connections (32 MiB): request
    /// buffers, answers waiting for a client to read them, what a large answer may take while it is built, relay copy
    /// buffers. Past it requests get 503. Sized from the hostile-client target (200 clients that never read raise a
    /// node by at most 100 MB; see PERFORMANCE.md, <c>hostile</c>): what is held, plus the garbage building it leaves
    /// until a collection, plus the runtime's own slack, must fit in that. It still holds three largest onion uploads
    /// (10 MiB) or three largest retrieve answers at once.
    /// </summary>
    public const long MaxInFlightBodyBytes = 32L * 1024 * 1024;

    /// <summary>
    /// Answers that may be at least this large (1 MiB) are built a few at a time (<see cref="MaxLargeAnswerBuilders"/>);
    /// a retrieve of a few messages (<c>max_count</c>, a small <c>max_size</c>) and every other method pass freely.
    /// </summary>
    public const long LargeAnswerBytes = 1024 * 1024;

    /// <summary>
    /// Requests whose answer may be large that are built at once (2, one per core of a small VPS): building a 7.8 MB
    /// retrieve answer holds several times that until it is done, and it takes milliseconds, so two lanes keep up
    /// with ordinary polling while 200 clients asking for megabytes at once cannot multiply that cost.
    /// </summary>
    public const int MaxLargeAnswerBuilders = 2;

    /// <summary>
    /// An answer at least this large (85,000 bytes, the runtime's large-object threshold) leaves its buffer on the large
    /// object heap, which only a full collection frees; smaller answers die young and cost the node no extra collection.
    /// </summary>
    public const int LargeObjectBytes = 85_000;

    /// <summary>How long a request waits for a lane to build its answer (2 s) before it is answered 503.</summary>
    public static readonly TimeSpan LargeAnswerBuilderWait = TimeSpan.FromSeconds(2);

    /// <summary>How often the node looks whether a burst has passed and its memory can be given back (10 s).</summary>
    public static readonly TimeSpan MemoryReturnInterval = TimeSpan.FromSeconds(10);

    /// <summary>Smallest in-flight budget an operator (or a test) may set, in bytes (1 MiB): less would refuse ordinary stores.</summary>
    public const long MinInFlightBudgetBytes = 1024 * 1024;

    /// <summary>
    /// Most requests one client address (IPv4, or IPv6 /64) may have in flight at once (128), answered or not: a
    /// client holds a waiting retrieve and a few sends, a busy NAT a few dozen; past it the node answers 429. Nodes of
    /// the registry relaying onion requests are counted per node instead (<see cref="MaxConcurrentRelayedPerNode"/>).
    /// </summary>
    public const int MaxConcurrentRequestsPerClient = 128;

    /// <summary>
    /// Most onion requests one registry node may have in flight at this node at once (1,024): a relay carries many
    /// clients' requests, each of which its own guard already limited.
    /// </summary>
    public const int MaxConcurrentRelayedPerNode = 1024;

    /// <summary>
    /// How much larger a registry node's onion allowance is than one client's (10×, rate and burst): a guard forwards
    /// for many clients, so one client at its own full rate spends at most a tenth of its guard's allowance here.
    /// </summary>
    public const int RelayAllowanceMultiplier = 10;

    /// <summary>
    /// Size of one write of an answer to a client, in bytes (64 KiB): Kestrel copies each write into its own pipe
    /// before sending, so writing in chunks keeps that second copy to one chunk per connection, and a client that
    /// stops reading stalls on a chunk that <see cref="MinResponseBytesPerSecond"/> then times out.
    /// </summary>
    public const int ResponseChunkBytes = 64 * 1024;

    /// <summary>
    /// Slowest accepted reading of an answer (4 KiB/s after a 10 s grace, the same as uploads): a client that never
    /// reads is dropped within about 26 s of its socket buffers filling, which frees what its answer held.
    /// </summary>
    public const double MinResponseBytesPerSecond = 4096;

    /// <summary>Grace period before <see cref="MinResponseBytesPerSecond"/> is enforced.</summary>
    public static readonly TimeSpan MinResponseGrace = TimeSpan.FromSeconds(10);

    /// <summary>First read buffer for a body, in bytes (16 KiB): a store fits; larger bodies grow the buffer as bytes arrive.</summary>
    public const int InitialBodyBufferBytes = 16 * 1024;

    /// <summary>Session's per-IP storage RPC rate, in requests per second (its <c>rate_limiter</c>).</summary>
    public const double DefaultRateLimitPerSecond = 300;

    /// <summary>Session's per-IP burst, in requests: a client may briefly go twice the steady rate.</summary>
    public const int DefaultRateLimitBurst = 600;

    /// <summary>
    /// Most client addresses the rate limiter tracks (100,000, about 10 MB). Idle clients are forgotten first; past
    /// the cap new clients share one bucket, so a flood of addresses costs fairness, never memory.
    /// </summary>
    public const int MaxTrackedClients = 100_000;

    /// <summary>IPv6 clients are limited per /64 (bits): one host usually owns a whole /64, so per-address limits would be free to dodge.</summary>
    public const int Ipv6RateLimitPrefixBits = 64;

    /// <summary>Smallest storage cap accepted, in bytes (1 MiB): smaller would refuse nearly every store.</summary>
    public const long MinStorageCapBytes = 1024 * 1024;

    /// <summary>
    /// Most rows one write operation looks at or changes before it hands the single SQLite writer back (256): well under
    /// a millisecond of SQLite work. A delete of 1,000 hashes, an expire, or a delete_all or expire_all over a large
    /// account runs as a queue of such pieces, each its own turn of the writer, so a store queued behind it waits for one
    /// piece, not the whole request. Smaller pieces would commit more often for no gain a client could see.
    /// </summary>
    public const int MaxRowsPerWrite = 256;

    /// <summary>Waiting retrieves (<c>wisp_wait_ms</c>) held at once (2,000): each is one parked request; past this a retrieve answers at once.</summary>
    public const int MaxWaitingRetrieves = 2_000;

    /// <summary>
    /// The fraction of <see cref="MaxWaitingRetrieves"/> unsigned waits may hold, as a divisor (10: at most 200). A wait on
    /// an unauthenticated namespace needs no key, so anyone can open thousands; signed waits, which only an account's
    /// owner (or its subaccounts) can make, keep the other nine tenths.
    /// </summary>
    public const int UnsignedWaitShareDivisor = 10;

    /// <summary>
    /// Waiting retrieves one client address holds at once (16; IPv6 counted per /64): a client waits once per account
    /// and namespace it follows. Not applied to a request out of an onion layer, whose address is the last relay's and
    /// is shared by every client routed through it.
    /// </summary>
    public const int MaxWaitingRetrievesPerAddress = 16;

    /// <summary>
    /// Signed waiting retrieves one account holds at once (8; each subaccount token of it, such as a group member's, has
    /// its own 8): a device waits once per namespace it follows, and an account has a few devices. This is what bounds a
    /// single account through onion paths, where no address is known.
    /// </summary>
    public const int MaxWaitingRetrievesPerAccount = 8;

    /// <summary>Most open connections (10,000): each costs buffers; a small VPS should not accept more.</summary>
    public const int MaxConcurrentConnections = 10_000;

    /// <summary>Most bytes of request headers (16 KiB): RPC requests carry a handful of short headers.</summary>
    public const int MaxRequestHeadersBytes = 16 * 1024;

    /// <summary>Most request headers (32).</summary>
    public const int MaxRequestHeaderCount = 32;

    /// <summary>Most concurrent HTTP/2 streams per connection (32): each may hold a body buffer.</summary>
    public const int MaxHttp2StreamsPerConnection = 32;

    /// <summary>Time a client has to send all request headers (10 s): slow-header clients are dropped.</summary>
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Time an idle keep-alive connection is kept (2 min): clients poll, so connections are reused.</summary>
    public static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Slowest accepted body upload (4 KiB/s after a 10 s grace): a full 2.5 MiB body then takes at most ~11 minutes,
    /// and a trickling client cannot hold a buffer open indefinitely.
    /// </summary>
    public const double MinRequestBodyBytesPerSecond = 4096;

    /// <summary>Grace period before <see cref="MinRequestBodyBytesPerSecond"/> is enforced.</summary>
    public static readonly TimeSpan MinRequestBodyGrace = TimeSpan.FromSeconds(10);

    // Message monitor (Monitor/): the push server's subscription stream.

    /// <summary>
    /// Most monitor WebSocket connections the node holds at once (256): a push server keeps one per node it watches,
    /// so a node serves a few push servers plus their reconnects; each connection costs a receive buffer and a queue.
    /// </summary>
    public const int MaxMonitorConnections = 256;

    /// <summary>
    /// Most monitor connections from one client address (IPv4, or IPv6 /64) at once (4): one push server needs one, a
    /// restart briefly two; more would let one address take the node's places.
    /// </summary>
    public const int MaxMonitorConnectionsPerAddress = 4;

    /// <summary>
    /// Most accounts one monitor connection may watch (25,000): a push server's share of one swarm's accounts, with
    /// room. Each costs about 800 bytes of managed heap (measured: PERFORMANCE.md, <c>push-node</c>), so a full
    /// connection holds about 20 MB.
    /// </summary>
    public const int MaxMonitorSubscriptionsPerConnection = 25_000;

    /// <summary>
    /// Most (connection, account) subscriptions on the node (50,000, about 40 MB): two full push servers. Keys cost
    /// nothing to make, so this, not the signatures, is what bounds the memory subscribers can make a node hold.
    /// </summary>
    public const int MaxMonitorSubscriptions = 50_000;

    /// <summary>
    /// Most bytes of notifications queued for one subscriber (8 MiB: over a hundred notifications with full 76.8 kB
    /// data, tens of thousands without). A subscriber that falls this far behind is closed ("subscriber too slow") and
    /// resumes from its cursor; the node never holds more for it.
    /// </summary>
    public const long MaxMonitorQueuedBytes = 8L * 1024 * 1024;

    /// <summary>
    /// Largest frame a subscriber may send (1 MiB): about 5,000 subscriptions, which is also about what the bencode
    /// reader's value cap (65,536) lets one frame hold; bigger batches are split.
    /// </summary>
    public const int MaxMonitorFrameBytes = 1024 * 1024;

    /// <summary>
    /// Most notifications a resume replays (10,000): a subscriber further behind than that (errcode 8) is cheaper
    /// served by a retrieve of its accounts than by holding them all in its queue.
    /// </summary>
    public const int MaxMonitorResumeNotifications = 10_000;

    /// <summary>Most bytes a resume replays (4 MiB, half the queue bound, so live notifications still fit behind it).</summary>
    public const long MaxMonitorResumeBytes = 4L * 1024 * 1024;

    /// <summary>
    /// How often the node pings a quiet monitor subscriber, and how long it waits for the pong (30 s each): a vanished
    /// subscriber is found within a minute and its places freed, not held until its subscriptions expire.
    /// </summary>
    public static readonly TimeSpan MonitorKeepAliveInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a subscriber the node closes (too slow, bad frame) has to take the frames already on the wire and
    /// answer the close frame (10 s) before its connection is aborted: past that nothing more is held for it.
    /// </summary>
    public static readonly TimeSpan MonitorCloseGrace = TimeSpan.FromSeconds(10);

    /// <summary>How long a subscription lives after its last (re)subscribe (65 min, Session's MONITOR_EXPIRY_TIME; SPNS renews every 45–55 min).</summary>
    public static readonly TimeSpan MonitorSubscriptionLifetime = TimeSpan.FromMinutes(65);
}
