namespace Wisp.Protocol.Onion;

/// <summary>Caps on what an onion request may make a node do; every count a peer controls is bounded.</summary>
public static class OnionLimits
{
    /// <summary>Largest onion request body in bytes (10 MiB): Session's guard limit, room for a file upload through a path.</summary>
    public const int MaxRequestBytes = 10 * 1024 * 1024;

    /// <summary>Largest hop number a relay accepts (15): Session's MAX_ONION_HOPS, far above the 4 a real path needs, so loops die quickly.</summary>
    public const int MaxHops = 15;

    /// <summary>Deepest JSON nesting accepted in a control object (16): the objects are flat; only "headers" may nest.</summary>
    public const int MaxJsonDepth = 16;
}
