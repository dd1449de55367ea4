using Wisp.Chain.Votes;
using Wisp.Crypto.Keys;
using Wisp.Node.Obligations;

namespace Wisp.Node.Tests.Obligations;

/// <summary>The off-chain quorum draw and test sample (agreement with the contract is tested on Anvil, in the integration tests).</summary>
public sealed class QuorumDrawTests
{
    private static List<byte[]> Keys(int n) => Enumerable.Range(0, n).Select(_ => Ed25519KeyPair.Generate().PublicKey.Span.ToArray()).ToList();

    [Fact]
    public void Ten_or_fewer_active_nodes_are_all_the_quorum_in_list_order()
    {
        var active = Keys(10);
        Assert.Equal(active, QuorumDraw.Members(active, new byte[32]));
    }

    [Fact]
    public void More_than_ten_give_ten_distinct_members_fixed_by_the_seed()
    {
        var active = Keys(13);
        var seed = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

        var members = QuorumDraw.Members(active, seed);

        Assert.Equal(10, members.Count);
        Assert.Equal(10, members.Select(Convert.ToHexString).Distinct().Count());
        Assert.Equal(members, QuorumDraw.Members(active, seed));
        var otherSeed = (byte[])seed.Clone();
        otherSeed[0] ^= 1;
        Assert.NotEqual(members.Select(Convert.ToHexString), QuorumDraw.Members(active, otherSeed).Select(Convert.ToHexString));
    }

    [Fact]
    public void The_sample_is_every_staked_node_but_the_tester_in_the_same_order_for_every_member()
    {
        var keys = Keys(6).Select(k => new Ed25519PublicKey(k)).ToList();
        var nodes = keys.Select((k, i) => new LedgerNode(k, i == 5 ? NodeStanding.Decommissioned : NodeStanding.Active, 0)).ToList();
        var round = new ObligationRound(4, new byte[32], keys.Take(5).Select(k => new QuorumMember(k, "")).ToList(), 4, 3, nodes);

        var fromFirst = ObligationSample.Targets(round, keys[0]);
        var fromSecond = ObligationSample.Targets(round, keys[1]);

        Assert.Equal(5, fromFirst.Count);
        Assert.DoesNotContain(fromFirst, n => n.Key.Equals(keys[0]));
        Assert.Contains(fromFirst, n => n.Standing == NodeStanding.Decommissioned);
        Assert.Equal(fromFirst.Where(n => !n.Key.Equals(keys[1])), fromSecond.Where(n => !n.Key.Equals(keys[0])));
    }
}
