namespace Wisp.Network.Local;

/// <summary>Bounds on a local network's files, each with its reason.</summary>
public static class LocalNetworkLimits
{
    /// <summary>1 MiB for <c>network.json</c>: thousands of node entries fit; a larger file is not ours.</summary>
    public const int MaxNetworkFileBytes = 1 << 20;

    /// <summary>1,000 nodes: far beyond what one machine runs; bounds what a damaged file can make us start.</summary>
    public const int MaxNodes = 1000;

    /// <summary>How many nodes one <c>wisp up</c> or <c>wisp net add-node</c> may add at once.</summary>
    public const int MaxNodesPerAdd = 100;

    /// <summary>32 characters for a node name: <c>node-NN</c> needs 7; a name is typed and printed in tables.</summary>
    public const int MaxNodeNameLength = 32;
}
