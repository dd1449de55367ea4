namespace Wisp.Node.Swarm;

/// <summary>The limits and timeouts of node-to-node work (replication, catch-up, migration, peer tests), each with its reason.</summary>
public static class ReplicationLimits
{
    /// <summary>
    /// How long the entry node waits for a swarm peer's answer to a forwarded request (5 s, Session's
    /// <c>sn.storage_cc</c> timeout), counted from when the request joins the peer's queue, and how long one
    /// <c>forward-batch</c> call may take: the client is answered after every peer answered or this passed.
    /// </summary>
    public static readonly TimeSpan ForwardTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long a sync, fetch, push or check call may take (30 s): a page is at most a few MiB on a local network.</summary>
    public static readonly TimeSpan TransferTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most bytes of message data one fetch answer or push carries (1 MiB): base64 and JSON make that about 1.4 MiB on
    /// the wire, which <see cref="NodeLinks.NodeLinkLimits.MaxPeerBodyBytes"/> admits; a page always holds at least one message.
    /// </summary>
    public const long MaxTransferDataBytes = 1024 * 1024;

    /// <summary>
    /// Most client requests one <c>forward-batch</c> carries (64), on both sides: the sender stops collecting there and
    /// the receiver refuses a longer batch. 64 already spreads the batch's fixed cost (one HTTPS request, one node
    /// signature and its check, about 150 µs of CPU) to about 2 µs a request, under 1 % of a store's own work; larger
    /// batches gain nothing measurable and make every request in them wait for the slowest.
    /// </summary>
    public const int MaxForwardBatchRequests = 64;

    /// <summary>
    /// Most bytes of client requests the sender puts in one <c>forward-batch</c> (1 MiB); a batch always takes at
    /// least one request, so one largest client request (<see cref="Admission.Limits.MaxRequestBodyBytes"/>, 2.5 MiB)
    /// still goes, alone. Either way the batch stays within <see cref="NodeLinks.NodeLinkLimits.MaxPeerBodyBytes"/>, the receiver's cap.
    /// </summary>
    public const int MaxForwardBatchBytes = 1024 * 1024;

    /// <summary>
    /// Forward batches in flight to one peer at once, at most (4). A request that finds a free slot goes at once, so
    /// at moderate load nothing waits behind a batch already in flight (that wait is a whole round trip, most of a
    /// store's time on a busy machine); when all four are busy, requests collect and the next batch takes them all.
    /// </summary>
    public const int MaxForwardBatchesInFlightPerPeer = 4;

    /// <summary>
    /// Client requests waiting for one peer's next batch, at most (1,024, 16 full batches). Each entry references the
    /// request body that the waiting client call already holds (shared by every peer's queue), so it costs a few
    /// hundred bytes. When the queue is full the caller waits for room, within its <see cref="ForwardTimeout"/>, and
    /// after that reports the peer as timed out for that request: a peer that slow is caught up later.
    /// </summary>
    public const int MaxQueuedForwardsPerPeer = 1_024;

    /// <summary>Swarm peers a node forwards to or pulls from at once, at most (16): swarms hold about 7 nodes.</summary>
    public const int MaxParallelPeers = 16;

    /// <summary>Peer test results kept (10,000 rows, about 1 MB): enough evidence for a vote, bounded on disk.</summary>
    public const int MaxPeerTestRows = 10_000;

    /// <summary>
    /// A message is asked of a peer in a storage test only once it is this old (30 s): younger ones may still be on
    /// their way to it, and failing a peer for a message in flight would be unfair.
    /// </summary>
    public const long StorageTestMinAgeMs = 30_000;

    /// <summary>
    /// Node-to-node requests one calling node may make a second (500), steady: forward batches are sent one at a time
    /// per peer and grow rather than multiply under load (about one per group commit, a few hundred a second at the
    /// measured store peak); catch-up, migration and peer tests add a few a minute.
    /// </summary>
    public const double PeerRequestsPerSecond = 500;

    /// <summary>Node-to-node requests one calling node may make at once above the steady rate (1,000): a catch-up after a restart.</summary>
    public const int PeerRequestBurst = 1_000;

    /// <summary>
    /// Node-to-node request nonces remembered at once (262,144, about 20 MB): each is kept until its timestamp leaves the
    /// ±60 s window, so this holds several nodes at their full <see cref="PeerRequestsPerSecond"/>. Past it new
    /// requests are refused with 503 rather than a nonce forgotten early, which would let its request be replayed.
    /// </summary>
    public const int MaxRememberedNonces = 262_144;
}
