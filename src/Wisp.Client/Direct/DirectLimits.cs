namespace Wisp.Client.Direct;

/// <summary>Direct mode's limits and timeouts, each with its unit and reason.</summary>
internal static class DirectLimits
{
    /// <summary>How long an offer waits in the contact's swarm (14 days): as long as a message does.</summary>
    public static readonly TimeSpan OfferTtl = TimeSpan.FromDays(14);

    /// <summary>
    /// How long a message sent direct waits for its ack before it goes through the swarm instead (5 s): a live session
    /// acks in a round trip; a dead one must not hold a message back for long.
    /// </summary>
    public static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long one attempt to connect to a contact may take before the swarm is used (10 s): DHT lookup, handshake, punching.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>After a failed attempt, how long before the same contact is tried again (30 s): a contact offline is not hammered.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    /// <summary>Messages sent on one session and not yet acked (64): beyond this, the rest go through the swarm.</summary>
    public const int MaxUnacked = 64;

    /// <summary>Channels a client may register (64): features, not peers, register them.</summary>
    public const int MaxChannels = 64;

    /// <summary>How often a running client rewrites its status file for <c>wisp p2p status</c> (2 s): fresh enough to watch.</summary>
    public static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(2);

    /// <summary>Largest status file read back, in bytes (1 MiB): a file someone else wrote cannot make the reader hold more.</summary>
    public const int MaxStatusFileBytes = 1024 * 1024;

    /// <summary>
    /// Ciphertext per file chunk on a session (64 KiB): one secretstream piece and its overhead fit in two, a frame stays
    /// well inside <see cref="Protocol.Direct.DirectFrameLimits.MaxFrameBytes"/>, and a receiver writes little at a time.
    /// </summary>
    public const int FileChunkBytes = 64 * 1024;

    /// <summary>File chunks a sender has in flight before it waits for an ack (16, so 1 MiB): enough to fill a fast link, little to resend elsewhere.</summary>
    public const int FileWindow = 16;

    /// <summary>
    /// How long a file sender waits for the receiver's next ack before it gives the session up and uploads the file to the
    /// file server instead (5 s): as for a message, a live session answers in a round trip.
    /// </summary>
    public static readonly TimeSpan FileAckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Files one contact may be sending this device at once (4): each holds a partial file on disk.</summary>
    public const int MaxFileTransfersPerPeer = 4;

    /// <summary>A partial file with no frame for this long is dropped when the same contact offers another (30 s): six missed acks' worth.</summary>
    public static readonly TimeSpan FileIdle = TimeSpan.FromSeconds(30);

    /// <summary>The largest file a contact may offer, in ciphertext bytes: the largest attachment, encrypted.</summary>
    public static readonly long MaxFileBytes = Attachments.AttachmentLimits.CiphertextBytes(Attachments.AttachmentLimits.MaxFileBytes);
}
