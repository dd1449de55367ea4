using Wisp.Protocol.History;

namespace Wisp.Protocol.Tests.History;

/// <summary>Upgrade proofs: a newer signed length shown to extend one already trusted, and a fork refused.</summary>
public sealed class UpgradeProofTests : IDisposable
{
    private readonly TestLog _log = new(21);

    public void Dispose() => _log.Dispose();

    [Theory]
    [InlineData(0UL, 21UL)]
    [InlineData(1UL, 2UL)]
    [InlineData(5UL, 21UL)]
    [InlineData(16UL, 21UL)]
    [InlineData(21UL, 21UL)]
    public void A_longer_head_extends_the_trusted_one(ulong from, ulong to)
    {
        var trusted = MerkleTree.Roots(_log.Nodes, from)!;
        var nodes = HistoryProofs.Upgrade(_log.Nodes, from, to);
        Assert.True(HistoryProofs.VerifyUpgrade(trusted, from, _log.Head(to), nodes, out var error), error);
    }

    [Fact]
    public void A_fork_is_refused()
    {
        // The same key signs a second log that differs at block 3: its length-10 head does not extend the first's 5.
        using var fork = new TestLog(0);
        var trusted = MerkleTree.Roots(_log.Nodes, 5)!;
        var forked = new MemoryTreeNodes();
        for (var i = 0; i < 10; i++)
            MerkleTree.Append(forked, (ulong)i, i == 3 ? [9, 9, 9] : _log.Blocks[i]);
        var head = SignedTreeHead.Sign(_log.Key, _log.Manifest.LogId, 10, MerkleTree.TreeHash(forked, 10)!);
        Assert.True(head.Verify(_log.Key.PublicKey)); // validly signed, and still refused
        Assert.False(HistoryProofs.VerifyUpgrade(trusted, 5, head, HistoryProofs.Upgrade(forked, 5, 10), out var error));
        Assert.Contains("signed tree hash", error);
    }

    [Fact]
    public void A_shorter_head_is_not_an_upgrade()
    {
        var trusted = MerkleTree.Roots(_log.Nodes, 10)!;
        Assert.False(HistoryProofs.VerifyUpgrade(trusted, 10, _log.Head(9), [], out var error));
        Assert.Contains("shorter", error);
    }

    [Fact]
    public void An_upgrade_node_inside_the_trusted_prefix_is_refused()
    {
        var trusted = MerkleTree.Roots(_log.Nodes, 8)!;
        var nodes = HistoryProofs.Upgrade(_log.Nodes, 8, 21).Append(_log.Nodes.Get(2)!).ToList();
        Assert.False(HistoryProofs.VerifyUpgrade(trusted, 8, _log.Head(21), nodes, out var error));
        Assert.Contains("covers blocks", error);
    }
}
