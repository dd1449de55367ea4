namespace Wisp.Node.Rpc;

/// <summary>
/// The service nodes a network lists, as <c>get_service_nodes</c> reports them: the registry's version (what oxend
/// calls the height), the hash that names that version (oxend's block hash, 64 hex) and every active node.
/// </summary>
public sealed record NodeListing(long Version, string HashHex, IReadOnlyList<ListedNode> Nodes)
{
    /// <summary>No registry and no nodes: version 0, a zero hash.</summary>
    public static NodeListing Empty { get; } = new(0, new string('0', 64), []);
}

/// <summary>A listed node: its keys and address, its swarm (null when it is in none) and the version at which it joined.</summary>
public sealed record ListedNode(SwarmMember Member, ulong? SwarmId, long JoinedAt);
