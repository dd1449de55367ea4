namespace Wisp.Client.Conversations;

/// <summary>Bounds on what a peer's message can make the local store do; each with its reason.</summary>
internal static class Limits
{
    /// <summary>Timestamps of one read receipt acted on (1,000): more than a conversation shows unread; a peer cannot make one receipt cost more.</summary>
    public const int MaxReceiptTimestamps = 1_000;
}
