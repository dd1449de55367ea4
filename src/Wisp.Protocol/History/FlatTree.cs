namespace Wisp.Protocol.History;

/// <summary>
/// Flat-tree index arithmetic, as Hypercore lays out its Merkle tree in one array: leaf <c>i</c> sits at index
/// <c>2i</c>, and a node of depth <c>d</c> and offset <c>o</c> (its position among nodes of that depth) at
/// <c>(2o + 1)·2^d − 1</c>. Odd indices are parents. A node once complete never changes, whatever is appended later.
/// </summary>
public static class FlatTree
{
    /// <summary>The index of the node at <paramref name="depth"/> and <paramref name="offset"/>.</summary>
    public static ulong Index(int depth, ulong offset) => ((2 * offset + 1) << depth) - 1;

    /// <summary>The index of leaf <paramref name="block"/>.</summary>
    public static ulong LeafIndex(ulong block) => 2 * block;

    /// <summary>The depth of a node: 0 for leaves, the number of trailing one bits of its index.</summary>
    public static int Depth(ulong index) => System.Numerics.BitOperations.TrailingZeroCount(~index);

    /// <summary>The node's position among the nodes of its depth.</summary>
    public static ulong Offset(ulong index) => ((index + 1) >> Depth(index)) >> 1;

    /// <summary>The node's parent.</summary>
    public static ulong Parent(ulong index) => Index(Depth(index) + 1, Offset(index) >> 1);

    /// <summary>The other child of the node's parent.</summary>
    public static ulong Sibling(ulong index) => Index(Depth(index), Offset(index) ^ 1);

    /// <summary>Whether the node is its parent's right child.</summary>
    public static bool IsRight(ulong index) => (Offset(index) & 1) == 1;

    /// <summary>The left child of a parent (not of a leaf).</summary>
    public static ulong LeftChild(ulong index) => Index(Depth(index) - 1, Offset(index) << 1);

    /// <summary>The right child of a parent (not of a leaf).</summary>
    public static ulong RightChild(ulong index) => Index(Depth(index) - 1, (Offset(index) << 1) + 1);

    /// <summary>The first block under the node.</summary>
    public static ulong FirstBlock(ulong index) => Offset(index) << Depth(index);

    /// <summary>How many blocks the node spans: 2^depth.</summary>
    public static ulong BlockCount(ulong index) => 1UL << Depth(index);

    /// <summary>
    /// The roots of a log of <paramref name="length"/> blocks: one complete subtree per one bit of the length, largest
    /// first, left to right.
    /// </summary>
    public static List<ulong> Roots(ulong length)
    {
        var roots = new List<ulong>();
        ulong start = 0;
        for (var bit = 63; bit >= 0; bit--)
        {
            var span = 1UL << bit;
            if ((length & span) == 0)
                continue;
            roots.Add(2 * start + span - 1);
            start += span;
        }
        return roots;
    }
}
