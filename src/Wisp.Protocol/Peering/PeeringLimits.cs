namespace Wisp.Protocol.Peering;

/// <summary>The counts a node-to-node message may carry, each with its reason; a reader refuses anything past them.</summary>
public static class PeeringLimits
{
    /// <summary>Most message records one sync answer lists (1,000): listings carry no data, so this bounds the answer's size.</summary>
    public const int MaxSyncRecords = 1_000;

    /// <summary>Most message records (or ids) one fetch or push carries (500); with data each page is also bounded in bytes by its sender.</summary>
    public const int MaxTransferRecords = 500;

    /// <summary>Deepest JSON nesting read (8): the deepest shape is object → array → message object.</summary>
    public const int MaxJsonDepth = 8;

    /// <summary>Longest store id accepted (128 characters): a node's store id is 32 hex characters.</summary>
    public const int MaxStoreIdChars = 128;
}
