namespace Wisp.Client.Groups;

/// <summary>The group client's limits, each with its unit and reason.</summary>
internal static class GroupLimits
{
    /// <summary>Members a group may have, admins included (Wisp's keys message stays under the 76,800-byte store limit up to about 1,500).</summary>
    public const int MaxMembers = 1_000;

    /// <summary>Bytes of a group name (Session's limit for group names).</summary>
    public const int MaxNameBytes = 100;

    /// <summary>Bytes of a group description (Session's limit).</summary>
    public const int MaxDescriptionBytes = 600;

    /// <summary>How long a group message stays in the group's swarm: 14 days, as a 1:1 message.</summary>
    public static readonly TimeSpan MessageTtl = TimeSpan.FromDays(14);

    /// <summary>How long keys, info and members configs stay: 30 days (Session's config TTL), refreshed by every change.</summary>
    public static readonly TimeSpan ConfigTtl = TimeSpan.FromDays(30);

    /// <summary>Pages of one namespace read in one poll, so one busy group cannot hold up the others.</summary>
    public const int MaxPagesPerPoll = 10;

    /// <summary>
    /// Bytes a poll's retrieve asks for at most (<c>max_size</c>): four of the largest messages (4 × 76,800), far below
    /// the 1 MiB from which a node builds answers a few at a time, so a burst of pollers is not answered 503 (the groups
    /// bench). Session's clients send −2 for messages and −6 for configs (1/2 and 1/6 of 7.8 MB), which would meet that
    /// gate; the bytes are counted as Session's node counts them, so a longer backlog comes in more pages.
    /// </summary>
    public const int PollMaxSizeBytes = 4 * Wisp.Protocol.Storage.StorageLimits.MaxMessageBytes;

    /// <summary>How often the background loop polls every group.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
}
