namespace Wisp.Protocol.History;

/// <summary>
/// One node of a log's Merkle tree: its flat-tree index, how many bytes of blocks it spans, and its BLAKE2b-256 hash.
/// </summary>
/// <param name="Index">The flat-tree index (<see cref="FlatTree"/>).</param>
/// <param name="Size">Bytes of block data under the node.</param>
/// <param name="Hash">32 bytes.</param>
public sealed record TreeNode(ulong Index, ulong Size, byte[] Hash)
{
    /// <summary>Bytes of one node on the wire: u64 index, u64 size, 32-byte hash.</summary>
    public const int WireBytes = 8 + 8 + TreeHashes.HashBytes;

    /// <summary>Whether two nodes are the same node with the same contents.</summary>
    public bool SameAs(TreeNode other) => Index == other.Index && Size == other.Size && Hash.AsSpan().SequenceEqual(other.Hash);
}
