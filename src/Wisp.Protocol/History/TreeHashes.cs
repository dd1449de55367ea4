using System.Buffers.Binary;
using System.Text;
using Wisp.Crypto.Hashing;

namespace Wisp.Protocol.History;

/// <summary>
/// The hashes of a log's Merkle tree, byte for byte those of hypercore-crypto: a leaf is
/// <c>BLAKE2b-256(0x00 ‖ u64LE length ‖ data)</c>, a parent <c>BLAKE2b-256(0x01 ‖ u64LE size ‖ left ‖ right)</c>, and
/// the tree hash over a length's roots <c>BLAKE2b-256(0x02 ‖ Σ (hash ‖ u64LE index ‖ u64LE size))</c>. The type bytes
/// keep a leaf from ever passing for a parent. Also Wisp's two namespaces, derived as hypercore-crypto's
/// <c>namespace()</c> derives its own.
/// </summary>
public static class TreeHashes
{
    /// <summary>Every hash is BLAKE2b-256.</summary>
    public const int HashBytes = 32;

    private const byte LeafType = 0x00;
    private const byte ParentType = 0x01;
    private const byte RootType = 0x02;

    /// <summary><c>namespace("wisp/history", 2)[0]</c>: the domain of a signed tree head.</summary>
    public static byte[] TreeNamespace { get; } = Namespace("wisp/history", 0);

    /// <summary><c>namespace("wisp/history", 2)[1]</c>: the domain of a log manifest (the account's certificate).</summary>
    public static byte[] ManifestNamespace { get; } = Namespace("wisp/history", 1);

    /// <summary>hypercore-crypto's namespace: <c>BLAKE2b-256(BLAKE2b-256(name) ‖ byte(i))</c>.</summary>
    public static byte[] Namespace(string name, byte i)
    {
        var input = new byte[HashBytes + 1];
        Blake2b.Hash(Encoding.UTF8.GetBytes(name), input.AsSpan(0, HashBytes));
        input[HashBytes] = i;
        return Blake2b.Hash(input, HashBytes);
    }

    /// <summary>The leaf node of block <paramref name="block"/> holding <paramref name="data"/>.</summary>
    public static TreeNode Leaf(ulong block, ReadOnlySpan<byte> data)
    {
        var hasher = Blake2b.CreateIncremental(HashBytes);
        Span<byte> head = stackalloc byte[9];
        head[0] = LeafType;
        BinaryPrimitives.WriteUInt64LittleEndian(head[1..], (ulong)data.Length);
        hasher.Update(head);
        hasher.Update(data);
        return new TreeNode(FlatTree.LeafIndex(block), (ulong)data.Length, hasher.Finish());
    }

    /// <summary>The parent of two sibling nodes, left first.</summary>
    public static TreeNode Parent(TreeNode left, TreeNode right)
    {
        if (left.Index > right.Index)
            (left, right) = (right, left);
        if (FlatTree.Sibling(left.Index) != right.Index)
            throw new ArgumentException($"nodes {left.Index} and {right.Index} are not siblings.", nameof(right));
        Span<byte> input = stackalloc byte[1 + 8 + 2 * HashBytes];
        input[0] = ParentType;
        var size = left.Size + right.Size;
        BinaryPrimitives.WriteUInt64LittleEndian(input[1..], size);
        left.Hash.CopyTo(input[9..]);
        right.Hash.CopyTo(input[(9 + HashBytes)..]);
        return new TreeNode(FlatTree.Parent(left.Index), size, Blake2b.Hash(input, HashBytes));
    }

    /// <summary>The tree hash over <paramref name="roots"/> (a length's full roots, left to right).</summary>
    public static byte[] Tree(IReadOnlyList<TreeNode> roots)
    {
        var hasher = Blake2b.CreateIncremental(HashBytes);
        hasher.Update([RootType]);
        Span<byte> numbers = stackalloc byte[16];
        foreach (var root in roots)
        {
            hasher.Update(root.Hash);
            BinaryPrimitives.WriteUInt64LittleEndian(numbers, root.Index);
            BinaryPrimitives.WriteUInt64LittleEndian(numbers[8..], root.Size);
            hasher.Update(numbers);
        }
        return hasher.Finish();
    }
}
