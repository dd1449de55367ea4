namespace Wisp.Dht;

/// <summary>The DHT's limits and timings, each with its unit and reason. Everything a peer controls is bounded here.</summary>
public static class Limits
{
    // Datagrams

    /// <summary>Largest datagram read (1,500 bytes): an Ethernet MTU; no Wisp datagram is bigger, and bigger ones would fragment.</summary>
    public const int MaxDatagramBytes = 1500;

    /// <summary>Datagrams queued inside a simulated network (1,000,000): past it they are lost, as on a congested link.</summary>
    public const int SimulatedInFlightDatagrams = 1_000_000;

    // Routing

    /// <summary>Nodes per routing-table row and the size of a closest set (20): Kademlia's k, as dht-rpc.</summary>
    public const int K = 20;

    /// <summary>Pings of a full row's oldest node in flight at once (3): as dht-rpc, so a flood of newcomers cannot turn into a flood of pings.</summary>
    public const int MaxConcurrentRepings = 3;

    /// <summary>DOWN_HINT checks in flight at once (10): as dht-rpc; further hints are ignored until one finishes.</summary>
    public const int MaxConcurrentDownChecks = 10;

    /// <summary>Far rows a joining node looks up beside its own id (3): a self-lookup only meets near nodes, so without these the rows for the far halves of the space start empty (the row-refresh of classic Kademlia, done once at join).</summary>
    public const int BootstrapFarRows = 3;

    // Requests

    /// <summary>Wait for one reply before resending (1 s): dht-rpc's default; a datagram round trip is far shorter.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Resends of a request after its first send (3): dht-rpc's default; 4 sends cover ordinary loss.</summary>
    public const int RequestRetries = 3;

    /// <summary>Resends of a request made inside a query (2): the query has other nodes to ask, so it gives up on one sooner.</summary>
    public const int QueryRetries = 2;

    /// <summary>Requests waiting for a reply at once (8,192): transaction ids are 16 bits; past it a request fails at once.</summary>
    public const int MaxPendingRequests = 8192;

    /// <summary>Length of one congestion-window slot (750 ms): dht-rpc's drain tick.</summary>
    public static readonly TimeSpan CongestionSlot = TimeSpan.FromMilliseconds(750);

    /// <summary>Unanswered sends in one slot (80): dht-rpc's window; more waits for the next slot.</summary>
    public const int MaxSendsPerSlot = 80;

    /// <summary>Unanswered sends over the last four slots (160): dht-rpc's total; a node whose requests go unanswered (a congested path) slows to about 50 a second.</summary>
    public const int MaxSendsInWindow = 160;

    // Tokens

    /// <summary>Slots between token-secret rotations (10 × 750 ms = 7.5 s): a token lives 7.5–15 s, enough for a query's commit phase and too short to replay.</summary>
    public const int TokenRotationSlots = 10;

    // Queries

    /// <summary>Requests in flight per query (10): dht-rpc's concurrency.</summary>
    public const int QueryConcurrency = 10;

    /// <summary>Requests one query may send in all (400): a lookup on a healthy network needs a few dozen; a peer feeding endless closer nodes cannot make it run forever.</summary>
    public const int MaxQueryRequests = 400;

    /// <summary>Candidate nodes a query keeps (200): the closest are kept, the rest forgotten.</summary>
    public const int MaxQueryCandidates = 200;

    // Storage (persistent nodes)

    /// <summary>Topics one node stores records for (10,000): about 10 MB at full records; past it new topics are refused with FULL.</summary>
    public const int MaxTopics = 10_000;

    /// <summary>Records under one topic (16): what one lookup reply carries; a newcomer replaces the oldest.</summary>
    public const int MaxRecordsPerTopic = 16;

    /// <summary>Servers one node relays for (10,000 forward entries): past it new ones are refused with FULL.</summary>
    public const int MaxForwardEntries = 10_000;

    /// <summary>How long a record or forward entry lives without being announced again (20 minutes): HyperDHT's maxAge; announcers refresh well within it.</summary>
    public static readonly TimeSpan RecordTtl = TimeSpan.FromMinutes(20);

    /// <summary>Relay addresses kept in a peer record (3): a server's three closest relays, as HyperDHT keeps.</summary>
    public const int MaxRelayAddresses = 3;

    // Servers

    /// <summary>Relays a listening server announces itself to (3): HyperDHT's announcer keeps the three closest.</summary>
    public const int ServerRelays = 3;

    /// <summary>How often a server pings its relays (3 s): keeps its NAT mappings towards them open, as HyperDHT's announcer.</summary>
    public static readonly TimeSpan ServerRelayPingInterval = TimeSpan.FromSeconds(3);

    /// <summary>How often a server announces itself afresh (5 minutes): HyperDHT's announcer; well within <see cref="RecordTtl"/>.</summary>
    public static readonly TimeSpan ServerReannounceInterval = TimeSpan.FromMinutes(5);

    /// <summary>Relayed requests a server answers at once (64): each runs the caller's handler (a Noise step); more are dropped and retried by their clients.</summary>
    public const int MaxConcurrentPeerHandlers = 64;

    // Maintenance

    /// <summary>Maintenance tick (5 s): dht-rpc's; pings and refreshes hang off it.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    /// <summary>Ticks between pings of the least recently seen nodes (8 = 40 s): as dht-rpc.</summary>
    public const int PingEveryTicks = 8;

    /// <summary>Ticks between refresh lookups of a random id (60 = 5 minutes): as dht-rpc; sooner while the table has fewer than k nodes.</summary>
    public const int RefreshEveryTicks = 60;

    // NAT

    /// <summary>Samples the NAT sampler keeps (16): dht-rpc's; old ones age out.</summary>
    public const int NatSamples = 16;

    /// <summary>
    /// Nodes asked at once in the reachability check (PING_NAT, 5): dht-rpc asks as many. One answer is enough: no node
    /// can get a datagram through a filter that drops strangers' ones, so an answer cannot be a lie; asking several
    /// keeps one lost datagram from calling a reachable socket firewalled.
    /// </summary>
    public const int FirewallCheckNodes = 5;
}
