using Wisp.Protocol.History;

namespace Wisp.Protocol.Tests.History;

/// <summary>Flat-tree index arithmetic (the layout of Hypercore's flat-tree module).</summary>
public sealed class FlatTreeTests
{
    [Theory]
    [InlineData(0UL, 0, 0UL, 1UL, 2UL)]
    [InlineData(2UL, 0, 1UL, 1UL, 0UL)]
    [InlineData(1UL, 1, 0UL, 3UL, 5UL)]
    [InlineData(5UL, 1, 1UL, 3UL, 1UL)]
    [InlineData(3UL, 2, 0UL, 7UL, 11UL)]
    [InlineData(11UL, 2, 1UL, 7UL, 3UL)]
    public void Depth_offset_parent_and_sibling(ulong index, int depth, ulong offset, ulong parent, ulong sibling)
    {
        Assert.Equal(depth, FlatTree.Depth(index));
        Assert.Equal(offset, FlatTree.Offset(index));
        Assert.Equal(parent, FlatTree.Parent(index));
        Assert.Equal(sibling, FlatTree.Sibling(index));
        Assert.Equal(index, FlatTree.Index(depth, offset));
    }

    [Fact]
    public void Children_and_spans()
    {
        Assert.Equal(1UL, FlatTree.LeftChild(3));
        Assert.Equal(5UL, FlatTree.RightChild(3));
        Assert.Equal(4UL, FlatTree.FirstBlock(11));
        Assert.Equal(4UL, FlatTree.BlockCount(11));
    }

    [Theory]
    [InlineData(0UL, new ulong[0])]
    [InlineData(1UL, new ulong[] { 0 })]
    [InlineData(2UL, new ulong[] { 1 })]
    [InlineData(3UL, new ulong[] { 1, 4 })]
    [InlineData(5UL, new ulong[] { 3, 8 })]
    [InlineData(7UL, new ulong[] { 3, 9, 12 })]
    [InlineData(8UL, new ulong[] { 7 })]
    public void Roots_of_a_length_tile_it_left_to_right(ulong length, ulong[] roots)
    {
        Assert.Equal(roots, FlatTree.Roots(length));
    }
}
