namespace Wisp.Network.Registry;

/// <summary>Bounds on registry files and entries; every count the file controls is capped before anything is allocated for it.</summary>
public static class RegistryLimits
{
    /// <summary>64 MiB: about 200,000 entries at ~300 bytes each, far past any one-machine network, and small enough to read whole.</summary>
    public const int MaxFileBytes = 64 * 1024 * 1024;

    /// <summary>1,000,000 entries: a cap on replay work (swarm assignment runs once per entry).</summary>
    public const int MaxEntries = 1_000_000;

    /// <summary>253 bytes: the longest DNS name.</summary>
    public const int MaxHostBytes = 253;

    /// <summary>64 bytes: a software version string is a short label such as "0.1.0" or "0.1.0-dev+abc123".</summary>
    public const int MaxSoftwareVersionBytes = 64;

    /// <summary>Lowest TCP port a node may announce (0 means "any" and cannot be dialled).</summary>
    public const int MinPort = 1;

    /// <summary>Highest TCP port.</summary>
    public const int MaxPort = 65535;

    /// <summary>8 levels of JSON nesting: the registry document needs 4; deeper input is hostile.</summary>
    public const int MaxJsonDepth = 8;
}
