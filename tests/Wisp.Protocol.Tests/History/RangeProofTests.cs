using Wisp.Protocol.History;

namespace Wisp.Protocol.Tests.History;

/// <summary>
/// Range proofs: blocks proven against a signed head without the rest of the log, and every kind of tampering —
/// a block, a node, the signature, the range's boundary — refused.
/// </summary>
public sealed class RangeProofTests : IDisposable
{
    private readonly TestLog _log = new(37);

    public void Dispose() => _log.Dispose();

    [Theory]
    [InlineData(0UL, 1)]
    [InlineData(0UL, 37)]
    [InlineData(5UL, 10)]
    [InlineData(31UL, 6)]
    [InlineData(36UL, 1)]
    public void A_range_verifies_against_the_signed_head(ulong start, int count)
    {
        var head = _log.Head();
        Assert.True(head.Verify(_log.Key.PublicKey));
        Assert.True(HistoryProofs.VerifyRange(head, _log.Range(start, count), out var error), error);
    }

    [Fact]
    public void A_proof_of_one_block_holds_its_siblings_and_the_other_roots()
    {
        using var log = new TestLog(1000);
        var proof = log.Range(500, 1);
        Assert.Equal(9 + 5, proof.Nodes.Count); // 1000 = 512+256+128+64+32+8: 9 siblings inside the first root, 5 other roots
        Assert.True(HistoryProofs.VerifyRange(log.Head(), proof, out var error), error);
    }

    [Fact]
    public void A_tampered_block_is_refused()
    {
        var proof = _log.Range(8, 4);
        var blocks = proof.Blocks.Select(b => (byte[])b.Clone()).ToList();
        blocks[2][^1] ^= 1;
        Assert.False(HistoryProofs.VerifyRange(_log.Head(), proof with { Blocks = blocks }, out var error));
        Assert.Contains("signed tree hash", error);
    }

    [Fact]
    public void A_tampered_node_is_refused()
    {
        var proof = _log.Range(8, 4);
        var nodes = proof.Nodes.ToList();
        var hash = (byte[])nodes[0].Hash.Clone();
        hash[0] ^= 1;
        nodes[0] = nodes[0] with { Hash = hash };
        Assert.False(HistoryProofs.VerifyRange(_log.Head(), proof with { Nodes = nodes }, out var error));
        Assert.Contains("signed tree hash", error);
    }

    [Fact]
    public void A_node_with_a_wrong_size_is_refused()
    {
        var proof = _log.Range(8, 4);
        var nodes = proof.Nodes.ToList();
        nodes[^1] = nodes[^1] with { Size = nodes[^1].Size + 1 };
        Assert.False(HistoryProofs.VerifyRange(_log.Head(), proof with { Nodes = nodes }, out _));
    }

    [Fact]
    public void A_tampered_signature_is_refused()
    {
        var head = _log.Head();
        var signature = (byte[])head.Signature.Clone();
        signature[10] ^= 1;
        Assert.False((head with { Signature = signature }).Verify(_log.Key.PublicKey));
        Assert.False((head with { Length = head.Length - 1 }).Verify(_log.Key.PublicKey));
        using var other = new TestLog(0);
        Assert.False(head.Verify(other.Key.PublicKey));
    }

    [Fact]
    public void A_range_beyond_the_signed_length_is_refused()
    {
        var proof = _log.Range(30, 7); // proven against 37
        Assert.False(HistoryProofs.VerifyRange(_log.Head(36), proof, out var error));
        Assert.Contains("beyond the signed length", error);
    }

    [Fact]
    public void A_range_shifted_by_one_block_is_refused()
    {
        var proof = _log.Range(8, 4);
        Assert.False(HistoryProofs.VerifyRange(_log.Head(), proof with { Start = 9 }, out _));
    }

    [Fact]
    public void A_node_standing_in_for_blocks_of_the_range_is_refused()
    {
        // Node 9 covers blocks 4 and 5: with it, block 4 would never be hashed, so a forged block 4 would pass.
        var proof = _log.Range(4, 1);
        var forged = (byte[])proof.Blocks[0].Clone();
        forged[^1] ^= 1;
        var nodes = proof.Nodes.Where(n => n.Index != 10).Append(_log.Nodes.Get(9)!).ToList();
        Assert.False(HistoryProofs.VerifyRange(_log.Head(), proof with { Blocks = [forged], Nodes = nodes }, out var error));
        Assert.Contains("covers blocks", error);
    }

    [Fact]
    public void A_spare_or_missing_node_is_refused()
    {
        var proof = _log.Range(8, 4);
        Assert.False(HistoryProofs.VerifyRange(_log.Head(), proof with { Nodes = proof.Nodes.Skip(1).ToList() }, out var missing));
        Assert.Contains("lacks", missing);
        var spare = proof.Nodes.Append(_log.Nodes.Get(0)!).ToList();
        Assert.False(HistoryProofs.VerifyRange(_log.Head(), proof with { Nodes = spare }, out var extra));
        Assert.Contains("not on the way", extra);
    }

    [Fact]
    public void Blocks_are_hash_chained()
    {
        for (var i = 1; i < _log.Blocks.Count; i++)
            Assert.Equal(_log.Nodes.Get(FlatTree.LeafIndex((ulong)i - 1))!.Hash, LogEntry.Decode(_log.Blocks[i]).Previous);
        Assert.Equal(LogEntry.Genesis, LogEntry.Decode(_log.Blocks[0]).Previous);
    }
}
