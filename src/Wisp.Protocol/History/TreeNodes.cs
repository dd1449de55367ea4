namespace Wisp.Protocol.History;

/// <summary>Where a log's tree nodes are kept: a database table on a device, a dictionary in tests and benchmarks.</summary>
public interface ITreeNodes
{
    /// <summary>The node at <paramref name="index"/>, or null when it is not held.</summary>
    TreeNode? Get(ulong index);

    /// <summary>Keeps a node (a node once complete never changes).</summary>
    void Put(TreeNode node);
}

/// <summary>Tree nodes in memory.</summary>
public sealed class MemoryTreeNodes : ITreeNodes
{
    private readonly Dictionary<ulong, TreeNode> _nodes = [];

    /// <inheritdoc/>
    public TreeNode? Get(ulong index) => _nodes.GetValueOrDefault(index);

    /// <inheritdoc/>
    public void Put(TreeNode node) => _nodes[node.Index] = node;
}

/// <summary>
/// A log's Merkle tree over its node store: appending a block adds its leaf and every parent it completes; the roots
/// and tree hash of any length the store holds follow.
/// </summary>
public static class MerkleTree
{
    /// <summary>
    /// Appends <paramref name="block"/> as block number <paramref name="length"/> (the log's length before it); returns
    /// the nodes it added, leaf first.
    /// </summary>
    public static List<TreeNode> Append(ITreeNodes nodes, ulong length, ReadOnlySpan<byte> block)
    {
        var node = TreeHashes.Leaf(length, block);
        var added = new List<TreeNode> { node };
        nodes.Put(node);
        while (FlatTree.IsRight(node.Index))
        {
            var left = nodes.Get(FlatTree.Sibling(node.Index))
                ?? throw new InvalidOperationException($"node {FlatTree.Sibling(node.Index)} is missing below length {length}.");
            node = TreeHashes.Parent(left, node);
            nodes.Put(node);
            added.Add(node);
        }
        return added;
    }

    /// <summary>The roots of <paramref name="length"/>, or null when the store lacks one.</summary>
    public static List<TreeNode>? Roots(ITreeNodes nodes, ulong length)
    {
        var roots = new List<TreeNode>();
        foreach (var index in FlatTree.Roots(length))
        {
            if (nodes.Get(index) is not { } root)
                return null;
            roots.Add(root);
        }
        return roots;
    }

    /// <summary>The tree hash of <paramref name="length"/>, or null when the store lacks a root.</summary>
    public static byte[]? TreeHash(ITreeNodes nodes, ulong length) =>
        Roots(nodes, length) is { } roots ? TreeHashes.Tree(roots) : null;
}
