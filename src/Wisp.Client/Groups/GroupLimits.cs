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

    /// <summary>How often the background loop polls every group.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
}
