namespace Wisp.Protocol.History;

/// <summary>
/// Blocks <c>[Start, Start + Blocks.Count)</c> of a log with the tree nodes that, hashed up with the blocks' leaves,
/// give exactly the roots of a signed length: enough to trust the blocks without the rest of the log. No node may
/// cover a block of the range (else a tampered block would never be hashed), and every node must be used.
/// </summary>
/// <remarks>Bytes: <c>u64LE start ‖ u32LE n ‖ n × (u32LE length ‖ block) ‖ u32LE m ‖ m × (u64LE index ‖ u64LE size ‖ hash)</c>.</remarks>
public sealed record RangeProof(ulong Start, IReadOnlyList<byte[]> Blocks, IReadOnlyList<TreeNode> Nodes)
{
    /// <summary>Bytes of the proof on the wire.</summary>
    public int WireBytes => 8 + 4 + Blocks.Sum(b => 4 + b.Length) + 4 + Nodes.Count * TreeNode.WireBytes;

    internal void Write(HistoryWriter writer)
    {
        writer.U64(Start).U32((uint)Blocks.Count);
        foreach (var block in Blocks)
            writer.Bytes(block);
        writer.Nodes(Nodes);
    }

    internal static RangeProof Read(ref HistoryReader reader)
    {
        var start = reader.U64();
        var blocks = new byte[reader.Count(HistoryLimits.MaxRangeBlocks, "a range")][];
        for (var i = 0; i < blocks.Length; i++)
            blocks[i] = reader.Bytes(HistoryLimits.MaxEntryBytes, "a block");
        return new RangeProof(start, blocks, ReadNodes(ref reader));
    }

    internal static TreeNode[] ReadNodes(ref HistoryReader reader)
    {
        var nodes = new TreeNode[reader.Count(HistoryLimits.MaxProofNodes, "a proof")];
        for (var i = 0; i < nodes.Length; i++)
            nodes[i] = reader.Node();
        return nodes;
    }
}

/// <summary>Builds proofs from a log's full tree, and checks them against signed heads without the rest of the log.</summary>
public static class HistoryProofs
{
    /// <summary>
    /// The proof of blocks <c>[start, start + blocks.Count)</c> against length <paramref name="length"/>: for each
    /// root, the largest subtrees lying wholly outside the range.
    /// </summary>
    public static RangeProof Range(ITreeNodes nodes, ulong length, ulong start, IReadOnlyList<byte[]> blocks)
    {
        var end = start + (ulong)blocks.Count;
        if (blocks.Count == 0 || end > length)
            throw new ArgumentOutOfRangeException(nameof(start), $"blocks [{start}, {end}) are not a range of length {length}.");
        var proof = new List<TreeNode>();
        foreach (var root in FlatTree.Roots(length))
            Collect(nodes, root, index => Overlaps(index, start, end), proof);
        return new RangeProof(start, blocks, proof);
    }

    /// <summary>
    /// The nodes that take the roots of <paramref name="from"/> (which the verifier trusts) to the roots of
    /// <paramref name="to"/>: the largest subtrees wholly after block <paramref name="from"/>.
    /// </summary>
    public static List<TreeNode> Upgrade(ITreeNodes nodes, ulong from, ulong to)
    {
        if (from > to)
            throw new ArgumentOutOfRangeException(nameof(from), $"no upgrade from {from} down to {to}.");
        var known = FlatTree.Roots(from).ToHashSet();
        var proof = new List<TreeNode>();
        foreach (var root in FlatTree.Roots(to))
            Collect(nodes, root, index => known.Contains(index) ? null : Overlaps(index, 0, from), proof);
        return proof;
    }

    /// <summary>
    /// Checks a range proof against a head whose signature the caller verified: the range lies inside the head's
    /// length, and the blocks with the nodes hash to the head's tree hash. False with the reason otherwise.
    /// </summary>
    public static bool VerifyRange(SignedTreeHead head, RangeProof proof, out string? error)
    {
        var count = (ulong)proof.Blocks.Count;
        if (count == 0 || count > HistoryLimits.MaxRangeBlocks)
            return Fail($"a range of {count} blocks; 1 to {HistoryLimits.MaxRangeBlocks} are allowed", out error);
        if (proof.Start > head.Length || count > head.Length - proof.Start)
            return Fail($"blocks [{proof.Start}, {proof.Start + count}) lie beyond the signed length {head.Length}", out error);
        var known = new Dictionary<ulong, TreeNode>();
        for (var i = 0UL; i < count; i++)
            known[FlatTree.LeafIndex(proof.Start + i)] = TreeHashes.Leaf(proof.Start + i, proof.Blocks[(int)i]);
        if (!AddProofNodes(known, proof.Nodes, head.Length, index => Overlaps(index, proof.Start, proof.Start + count), out error))
            return false;
        return Reaches(known, proof.Nodes, head, out error);
    }

    /// <summary>
    /// Checks that <paramref name="head"/> extends the log whose roots at a trusted length are
    /// <paramref name="trustedRoots"/>: the trusted roots with <paramref name="nodes"/> hash to the head's tree hash.
    /// False (a fork, or a bad proof) with the reason otherwise.
    /// </summary>
    public static bool VerifyUpgrade(IReadOnlyList<TreeNode> trustedRoots, ulong trustedLength, SignedTreeHead head, IReadOnlyList<TreeNode> nodes, out string? error)
    {
        if (head.Length < trustedLength)
            return Fail($"the signed length {head.Length} is shorter than the trusted {trustedLength}", out error);
        var known = trustedRoots.ToDictionary(r => r.Index);
        if (!AddProofNodes(known, nodes, head.Length, index => Overlaps(index, 0, trustedLength), out error))
            return false;
        // The trusted roots tile [0, trustedLength) and no proof node may overlap it: a head whose tree does not
        // contain them cannot be reached, so a fork fails here.
        return Reaches(known, nodes, head, out error);
    }

    // Walks down from a root: a subtree the verifier can compute itself (overlaps == true) is opened, one wholly
    // outside (false) goes into the proof, one the verifier already holds (null) is skipped.
    private static void Collect(ITreeNodes nodes, ulong index, Func<ulong, bool?> overlaps, List<TreeNode> proof)
    {
        switch (overlaps(index))
        {
            case null:
                return;
            case false:
                proof.Add(nodes.Get(index) ?? throw new InvalidOperationException($"node {index} is not held."));
                return;
            default:
                if (FlatTree.Depth(index) == 0)
                    return;
                Collect(nodes, FlatTree.LeftChild(index), overlaps, proof);
                Collect(nodes, FlatTree.RightChild(index), overlaps, proof);
                return;
        }
    }

    private static bool? Overlaps(ulong index, ulong start, ulong end)
    {
        var first = FlatTree.FirstBlock(index);
        return first < end && first + FlatTree.BlockCount(index) > start;
    }

    private static bool AddProofNodes(
        Dictionary<ulong, TreeNode> known, IReadOnlyList<TreeNode> nodes, ulong length, Func<ulong, bool?> covered, out string? error)
    {
        if (nodes.Count > HistoryLimits.MaxProofNodes)
            return Fail($"a proof of {nodes.Count} nodes; at most {HistoryLimits.MaxProofNodes} are allowed", out error);
        foreach (var node in nodes)
        {
            if (node.Hash.Length != TreeHashes.HashBytes)
                return Fail($"node {node.Index} has a {node.Hash.Length}-byte hash", out error);
            if (FlatTree.Depth(node.Index) > 40 || FlatTree.FirstBlock(node.Index) + FlatTree.BlockCount(node.Index) > length)
                return Fail($"node {node.Index} lies beyond the signed length {length}", out error);
            if (covered(node.Index) == true)
                return Fail($"node {node.Index} covers blocks the proof must hash itself", out error);
            if (!known.TryAdd(node.Index, node))
                return Fail($"node {node.Index} is given twice", out error);
        }
        error = null;
        return true;
    }

    private static bool Reaches(Dictionary<ulong, TreeNode> known, IReadOnlyList<TreeNode> proofNodes, SignedTreeHead head, out string? error)
    {
        var used = new HashSet<ulong>();
        var roots = new List<TreeNode>();
        foreach (var index in FlatTree.Roots(head.Length))
        {
            if (Compute(known, index, used) is not { } root)
                return Fail($"the proof lacks the nodes to reach root {index}", out error);
            roots.Add(root);
        }
        if (proofNodes.FirstOrDefault(n => !used.Contains(n.Index)) is { } spare)
            return Fail($"node {spare.Index} is not on the way to any root", out error);
        if (!TreeHashes.Tree(roots).AsSpan().SequenceEqual(head.TreeHash))
            return Fail("the blocks and nodes do not hash to the signed tree hash", out error);
        error = null;
        return true;
    }

    private static TreeNode? Compute(Dictionary<ulong, TreeNode> known, ulong index, HashSet<ulong> used)
    {
        if (known.TryGetValue(index, out var node))
        {
            used.Add(index);
            return node;
        }
        if (FlatTree.Depth(index) == 0)
            return null;
        var left = Compute(known, FlatTree.LeftChild(index), used);
        var right = left is null ? null : Compute(known, FlatTree.RightChild(index), used);
        return left is null || right is null ? null : TreeHashes.Parent(left, right);
    }

    private static bool Fail(string reason, out string? error)
    {
        error = reason;
        return false;
    }
}
