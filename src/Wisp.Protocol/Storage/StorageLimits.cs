namespace Wisp.Protocol.Storage;

/// <summary>The storage RPC's limits, each with its unit and why it is what it is. Values follow Session's storage server.</summary>
public static class StorageLimits
{
    /// <summary>Largest message, in bytes of decoded data: Session's <c>MAX_MESSAGE_BODY</c>, so any Session message fits.</summary>
    public const int MaxMessageBytes = 76_800;

    /// <summary>Largest <c>data</c> field, in base64 characters: 4/3 of <see cref="MaxMessageBytes"/> (divisible by 3, so no padding).</summary>
    public const int MaxMessageBase64Chars = MaxMessageBytes / 3 * 4;

    /// <summary>Shortest lifetime of a stored message, in milliseconds (10 s): anything shorter is gone before a client polls.</summary>
    public const long MinTtlMs = 10_000;

    /// <summary>Longest lifetime in a public inbox (ns % 10 == 0), in milliseconds (14 days): strangers may not fill a mailbox for longer.</summary>
    public const long MaxPublicTtlMs = 14L * 24 * 60 * 60 * 1000;

    /// <summary>Longest lifetime in an owner-controlled namespace, and for expire extensions, in milliseconds (30 days).</summary>
    public const long MaxPrivateTtlMs = 30L * 24 * 60 * 60 * 1000;

    /// <summary>How far a signed timestamp may be from the node's clock, either way, in milliseconds (60 s): bounds replay of a captured request.</summary>
    public const long SignatureToleranceMs = 60_000;

    /// <summary>
    /// How far a client's signed timestamp may be from the node's clock in a request a swarm member forwarded, in
    /// milliseconds (70 s, Session's <c>SIGNATURE_TOLERANCE_FORWARDED</c>): the entry node accepted it at ±60 s and the
    /// forward takes a moment. Session applies it to <c>delete_all</c>'s timestamp and <c>expire_all</c>'s expiry only.
    /// </summary>
    public const long ForwardedSignatureToleranceMs = 70_000;

    /// <summary>How far in the future a store's <c>timestamp</c> may be, in milliseconds (10 s): messages are not post-dated.</summary>
    public const long StoreFutureToleranceMs = 10_000;

    /// <summary>How far in the past a store's expiry may already be, in milliseconds (10 s): a just-expired message is not worth storing.</summary>
    public const long StorePastExpiryToleranceMs = 10_000;

    /// <summary>How far in the future a <c>delete_before</c> cut-off may be, in milliseconds (60 s): a clock a little ahead still works.</summary>
    public const long DeleteBeforeFutureToleranceMs = 60_000;

    /// <summary>
    /// Largest retrieve response, in bytes of message data (7,800,000): Session's <c>RETRIEVE_MAX_SIZE</c>, the 10 MiB network
    /// limit less base64 and envelope overhead.
    /// </summary>
    public const long RetrieveMaxSizeBytes = 7_800_000;

    /// <summary>The <c>max_size</c> used when neither max_count nor max_size is given: −5, i.e. 1/5 of <see cref="RetrieveMaxSizeBytes"/>, so five namespaces fit one batch.</summary>
    public const int DefaultRetrieveMaxSize = -5;

    /// <summary>Most subrequests in one batch or sequence (20): Session's <c>BATCH_REQUEST_MAX</c>; bounds the work one request buys.</summary>
    public const int MaxBatchSubrequests = 20;

    /// <summary>
    /// Most message hashes one <c>delete</c> or <c>expire</c> may name (1,000). A Wisp limit: Session's storage server
    /// has none, so a 2.5 MiB body could name some 55,000 hashes, each a lookup and a write. A client deletes what it
    /// has read, a page at a time; past this it splits the list. The refusal is a 400 in Session's wording for its own
    /// list caps (<see cref="TooManyHashes"/>).
    /// </summary>
    public const int MaxHashesPerRequest = 1_000;

    /// <summary>
    /// Smallest value accepted as a millisecond timestamp (1,000,000,000 ms ≈ 11.6 days after the epoch): Session's check
    /// that catches timestamps sent in seconds.
    /// </summary>
    public const long MinTimestampMs = 1_000_000_000;

    /// <summary>
    /// The byte budget of a retrieve's <c>max_size</c>: positive values are bytes (capped at the maximum), −n is 1/n of the
    /// maximum, and 0 or absent means the default (−5 when max_count is also absent, else the maximum).
    /// </summary>
    public static long RetrieveSizeBudget(int? maxSize, int? maxCount)
    {
        var size = maxSize is 0 ? null : maxSize;
        var count = maxCount is 0 ? null : maxCount;
        if (size is null && count is null)
            size = DefaultRetrieveMaxSize;
        return size switch
        {
            < 0 => RetrieveMaxSizeBytes / -(long)size.Value,
            null => RetrieveMaxSizeBytes,
            _ => Math.Min(size.Value, RetrieveMaxSizeBytes),
        };
    }

    /// <summary>
    /// The 400 text for a <paramref name="method"/> (<c>delete</c>, <c>expire</c>) naming more than
    /// <see cref="MaxHashesPerRequest"/> hashes, worded as Session's <c>revoke</c> cap ("cannot revoke more than 50
    /// subaccounts at once").
    /// </summary>
    public static string TooManyHashes(string method) =>
        $"invalid messages: cannot {method} more than {MaxHashesPerRequest} messages at once";
}
