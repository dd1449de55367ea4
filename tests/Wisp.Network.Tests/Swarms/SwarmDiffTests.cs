using Wisp.Network.Registry;
using Wisp.Network.Swarms;
using Wisp.Network.Tests.Support;
using Wisp.Protocol.Swarms;

namespace Wisp.Network.Tests.Swarms;

public sealed class SwarmDiffTests
{
    [Fact]
    public void Identical_maps_have_an_empty_diff()
    {
        var map = LedgerBuilder.Joins(10).Swarms;

        Assert.True(SwarmDiff.Between(map, map).IsEmpty);
    }

    [Fact]
    public void A_join_that_forms_a_new_swarm_shows_the_swarm_and_every_move()
    {
        var ledger = LedgerBuilder.Joins(13);
        var before = ledger.Swarms;
        LedgerBuilder.Add(ledger, TestNodes.Join(13));
        var after = ledger.Swarms;

        var diff = SwarmDiff.Between(before, after);

        var appeared = Assert.Single(diff.Appeared);
        Assert.Equal(SwarmLimits.MaxSwarmId / 2, appeared.Id);
        Assert.Empty(diff.Dissolved);
        var changed = Assert.Single(diff.Changed);
        Assert.Equal(0UL, changed.SwarmId);
        Assert.Contains(diff.Moves, m => m.Node.Equals(TestNodes.Key(13)) && m.From == SwarmSpace.InvalidSwarmId);
        // Every member of the new swarm moved into it, from swarm 0 or from nowhere (the newcomer).
        Assert.All(appeared.Members, member => Assert.Contains(diff.Moves, m => m.Node.Equals(member) && m.To == appeared.Id));
        Assert.Equal(changed.Left.Count, diff.Moves.Count(m => m.From == 0 && m.To == appeared.Id));
    }

    [Fact]
    public void A_leave_shows_the_node_going_nowhere()
    {
        var ledger = LedgerBuilder.Joins(21);
        var before = ledger.Swarms;
        var leaving = TestNodes.Key(3);
        var home = before.SwarmOf(leaving)!.Id;
        LedgerBuilder.Add(ledger, new NodeLeave(leaving));

        var diff = SwarmDiff.Between(before, ledger.Swarms);

        Assert.Contains(diff.Moves, m => m.Node.Equals(leaving) && m.From == home && m.To == SwarmSpace.InvalidSwarmId);
        Assert.Contains(diff.Changed, c => c.SwarmId == home && c.Left.Contains(leaving));
    }

    [Fact]
    public void A_dissolution_lists_the_former_members()
    {
        var ledger = LedgerBuilder.Joins(14);
        var victim = ledger.Swarms.Swarms[1];
        foreach (var node in victim.Members.Take(victim.Members.Count - SwarmLimits.MinSwarmSize))
            LedgerBuilder.Add(ledger, new NodeLeave(node));
        var other = ledger.Swarms.Swarms[0];
        foreach (var node in other.Members.Take(other.Members.Count - SwarmLimits.MinSwarmSize))
            LedgerBuilder.Add(ledger, new NodeLeave(node));
        var before = ledger.Swarms;
        var lastVictim = before.Find(victim.Id)!;
        LedgerBuilder.Add(ledger, new NodeLeave(lastVictim.Members[0]));

        var diff = SwarmDiff.Between(before, ledger.Swarms);

        var dissolved = Assert.Single(diff.Dissolved);
        Assert.Equal(lastVictim, dissolved);
        Assert.Single(ledger.Swarms.Swarms);
    }
}
