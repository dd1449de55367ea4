namespace Wisp.Client.Push;

/// <summary>The client's push limits, each with its unit and reason.</summary>
internal static class PushLimits
{
    /// <summary>A subscription's life at the push server (14 days from its signature's time, as SPNS keeps it).</summary>
    public static readonly TimeSpan Life = TimeSpan.FromDays(14);

    /// <summary>
    /// A registration is renewed once it is this old (1 day: SPNS asks clients to re-sign "more frequently than once every
    /// 14 days"; daily leaves 13 days of failed renewals before a notification is lost).
    /// </summary>
    public static readonly TimeSpan RenewAfter = TimeSpan.FromDays(1);

    /// <summary>How often the renewer looks for due registrations (1 h: renewals are due daily; a missed hour costs nothing).</summary>
    public static readonly TimeSpan RenewCheckInterval = TimeSpan.FromHours(1);

    /// <summary>How long one request to the push server may take through an onion path (30 s: three hops on a loaded machine).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Onion paths tried for one request before giving up (3: a fresh path each time).</summary>
    public const int Attempts = 3;

    /// <summary>Longest endpoint accepted, in characters (2,048: the push server's limit on a UnifiedPush URL).</summary>
    public const int MaxEndpointLength = 2_048;
}
