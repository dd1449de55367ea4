namespace Wisp.Protocol.Push;

/// <summary>The limits of the push API that clients and the server share, each with its unit and reason (SPNS's values).</summary>
public static class PushLimits
{
    /// <summary>Largest request body, in bytes (100,000, SPNS's check): room for a batch of subscriptions, no more.</summary>
    public const int MaxRequestBytes = 100_000;

    /// <summary>How long a subscription lives after its <c>sig_ts</c> (14 days): the storage server's limit on a monitor signature.</summary>
    public static readonly TimeSpan SubscriptionLife = TimeSpan.FromDays(14);

    /// <summary>How far in the future a subscribe <c>sig_ts</c> may be (24 h): clocks are off, not days off.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromHours(24);

    /// <summary>How far from now an unsubscribe <c>sig_ts</c> may be, either way (24 h, SPNS's <c>UNSUBSCRIBE_GRACE</c>).</summary>
    public static readonly TimeSpan UnsubscribeGrace = TimeSpan.FromHours(24);

    /// <summary>
    /// Largest message data carried in a notification, in bytes (2,500, SPNS's <c>MAX_MSG_SIZE</c>): after padding,
    /// encryption and base64 the push still fits the 4 KiB that Apple, Google and UnifiedPush distributors accept.
    /// </summary>
    public const int MaxNotificationDataBytes = 2_500;

    /// <summary>The plaintext of a notification is padded with zero bytes to a multiple of this (256 bytes, SPNS's).</summary>
    public const int PaddingBlockBytes = 256;

    /// <summary>Longest UnifiedPush endpoint URL, in characters (2,048): longer than any distributor's, short enough to index.</summary>
    public const int MaxEndpointChars = 2_048;

    /// <summary>Longest service name, in bytes (32, SPNS's <c>SERVICE_NAME_MAX_SIZE</c>).</summary>
    public const int MaxServiceNameBytes = 32;

    /// <summary>Most namespaces one subscription may name (all 65,536 fit the body limit; this keeps the signed string short).</summary>
    public const int MaxNamespaces = 1_000;

    /// <summary>Longest message hash a node may report, in characters (99, SPNS's <c>MSG_HASH_MAX_SIZE</c>).</summary>
    public const int MaxMessageHashChars = 99;

    /// <summary>Longest TTL header sent to a UnifiedPush endpoint, in seconds (28 days): a message never lives longer.</summary>
    public const long MaxTtlSeconds = 28L * 24 * 60 * 60;
}
