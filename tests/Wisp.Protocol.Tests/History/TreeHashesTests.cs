using Wisp.Protocol.History;

namespace Wisp.Protocol.Tests.History;

/// <summary>The tree's hashes against hypercore-crypto's published vectors (Vectors/hypercore-crypto).</summary>
public sealed class TreeHashesTests
{
    public static TheoryData<string> Vectors()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Vectors", "hypercore-crypto", "tree_hashes.txt")))
            if (line.Length > 0)
                data.Add(line);
        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Hypercore_crypto_vector_holds(string line)
    {
        var parts = line.Split(' ');
        var expected = parts[^1];
        var actual = parts[0] switch
        {
            "leaf" => TreeHashes.Leaf(0, Text(parts[1])).Hash,
            "parent" => Parent(parts[1], Text(parts[2])).Hash,
            "tree" => TreeHashes.Tree([.. parts[1].Split(',').Select(RootOf)]),
            "namespace" => TreeHashes.Namespace(parts[1], byte.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)),
            var kind => throw new InvalidOperationException($"unknown vector kind {kind}"),
        };
        Assert.Equal(expected, Convert.ToHexStringLower(actual));
    }

    [Fact]
    public void A_leaf_and_a_parent_of_the_same_bytes_differ()
    {
        var left = TreeHashes.Leaf(0, "a"u8);
        var right = TreeHashes.Leaf(1, "b"u8);
        var parent = TreeHashes.Parent(left, right);
        Assert.Equal(1UL, parent.Index);
        Assert.Equal(2UL, parent.Size);
        byte[] asLeaf = [.. left.Hash, .. right.Hash];
        Assert.NotEqual(parent.Hash, TreeHashes.Leaf(0, asLeaf).Hash);
    }

    [Fact]
    public void Nodes_that_are_not_siblings_have_no_parent()
    {
        Assert.Throws<ArgumentException>(() => TreeHashes.Parent(TreeHashes.Leaf(1, "a"u8), TreeHashes.Leaf(2, "b"u8)));
    }

    private static byte[] Text(string value) => System.Text.Encoding.UTF8.GetBytes(value.Replace('_', ' '));

    private static TreeNode Parent(string children, byte[] data)
    {
        var nodes = children.Split(',').Select(c => c.Split(':')).Select(c => new TreeNode(ulong.Parse(c[0], System.Globalization.CultureInfo.InvariantCulture), ulong.Parse(c[1], System.Globalization.CultureInfo.InvariantCulture), TreeHashes.Leaf(0, data).Hash)).ToArray();
        return TreeHashes.Parent(nodes[0], nodes[1]);
    }

    private static TreeNode RootOf(string text)
    {
        var c = text.Split(':');
        return new TreeNode(ulong.Parse(c[0], System.Globalization.CultureInfo.InvariantCulture), ulong.Parse(c[1], System.Globalization.CultureInfo.InvariantCulture), Convert.FromHexString(c[2]));
    }
}
