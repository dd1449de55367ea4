using Wisp.Crypto.Keys;
using Wisp.Network.Registry;
using Wisp.Network.Swarms;
using Wisp.Network.Tests.Support;

namespace Wisp.Network.Tests.Swarms;

/// <summary>
/// oxen-core's swarm scenarios (tests/unit_tests/service_nodes_swarm.cpp), asserting the outcomes they assert. Each
/// registry version makes one change, so Session's "several registrations in one block" cases become one join each.
/// </summary>
public sealed class SwarmAssignmentTests
{
    private static int ExpectedSwarmCount(int nodes) => 1 + (Math.Max(nodes - SwarmLimits.IdealSwarmSize, 0) / SwarmLimits.IdealSwarmSize);

    private static int Excess(SwarmMap map) => map.Swarms.Sum(s => Math.Max(0, s.Members.Count - SwarmLimits.ExcessBase));

    [Fact]
    public void Joining_one_by_one_gives_one_swarm_per_seven_nodes_and_the_expected_excess()
    {
        // oxen-core register_snodes_one_by_one: 40 swarms × 7 nodes, checked after every join.
        var ledger = new RegistryLedger();
        for (var n = 1; n <= 40 * SwarmLimits.IdealSwarmSize; n++)
        {
            LedgerBuilder.Add(ledger, TestNodes.Join(n - 1));
            var map = ledger.Swarms;

            Assert.Equal(ExpectedSwarmCount(n), map.SwarmIds.Count);
            if (n >= SwarmLimits.IdealSwarmSize)
                Assert.Equal((map.SwarmIds.Count * SwarmLimits.IdealSwarmMargin) + (n % SwarmLimits.IdealSwarmSize), Excess(map));
        }
    }

    [Fact]
    public void The_first_swarm_is_zero_and_the_second_bisects_the_ring()
    {
        var ledger = LedgerBuilder.Joins(1);
        Assert.Equal([0UL], ledger.Swarms.SwarmIds);

        for (var i = 1; i < 2 * SwarmLimits.IdealSwarmSize; i++)
            LedgerBuilder.Add(ledger, TestNodes.Join(i));

        Assert.Equal([0UL, SwarmLimits.MaxSwarmId / 2], ledger.Swarms.SwarmIds);
        Assert.All(ledger.Swarms.Swarms, s => Assert.Equal(SwarmLimits.IdealSwarmSize, s.Members.Count));
    }

    [Fact]
    public void Leaves_from_a_swarm_above_the_minimum_leave_other_swarms_untouched()
    {
        // oxen-core swarm_above_min_size_unaffects_other_swarms.
        var ledger = LedgerBuilder.Joins(10 * SwarmLimits.IdealSwarmSize);
        var victim = ledger.Swarms.Swarms[0];
        var before = ledger.Swarms;

        foreach (var node in victim.Members.Take(victim.Members.Count - SwarmLimits.MinSwarmSize))
            LedgerBuilder.Add(ledger, new NodeLeave(node));

        var after = ledger.Swarms;
        Assert.Equal(before.SwarmIds, after.SwarmIds);
        Assert.Equal(SwarmLimits.MinSwarmSize, after.Find(victim.Id)!.Members.Count);
        foreach (var swarm in after.Swarms.Where(s => s.Id != victim.Id))
            Assert.Equal(before.Find(swarm.Id), swarm);
    }

    [Fact]
    public void A_swarm_below_the_minimum_steals_one_node_from_one_rich_swarm()
    {
        // oxen-core stealing_from_rich_swarms.
        var ledger = LedgerBuilder.Joins(10 * SwarmLimits.IdealSwarmSize);
        var before = ledger.Swarms;
        var victim = before.Swarms[0];

        foreach (var node in victim.Members.Take(victim.Members.Count - SwarmLimits.MinSwarmSize + 1))
            LedgerBuilder.Add(ledger, new NodeLeave(node));

        var after = ledger.Swarms;
        Assert.Equal(SwarmLimits.MinSwarmSize, after.Find(victim.Id)!.Members.Count);
        var robbed = after.Swarms.Where(s => s.Id != victim.Id && s.Members.Count < before.Find(s.Id)!.Members.Count).ToList();
        var single = Assert.Single(robbed);
        Assert.Equal(before.Find(single.Id)!.Members.Count - 1, single.Members.Count);
        Assert.True(single.Members.Count >= SwarmLimits.MinSwarmSize);
        // The stolen node is now in the victim swarm.
        var stolen = before.Find(single.Id)!.Members.Single(m => !single.Contains(m));
        Assert.True(after.Find(victim.Id)!.Contains(stolen));
    }

    [Fact]
    public void A_swarm_that_cannot_be_saved_dissolves_into_the_others()
    {
        // oxen-core decommission: every swarm at the minimum, then one more leave.
        var ledger = LedgerBuilder.Joins(10 * SwarmLimits.IdealSwarmSize);
        var swarmCount = ledger.Swarms.SwarmIds.Count;
        foreach (var swarm in ledger.Swarms.Swarms.ToList())
        {
            foreach (var node in swarm.Members.Take(swarm.Members.Count - SwarmLimits.MinSwarmSize))
                LedgerBuilder.Add(ledger, new NodeLeave(node));
        }
        Assert.All(ledger.Swarms.Swarms, s => Assert.Equal(SwarmLimits.MinSwarmSize, s.Members.Count));
        var victim = ledger.Swarms.Swarms[0];

        LedgerBuilder.Add(ledger, new NodeLeave(victim.Members[0]));

        var after = ledger.Swarms;
        Assert.Equal(swarmCount - 1, after.SwarmIds.Count);
        Assert.Null(after.Find(victim.Id));
        Assert.Contains(victim.Id, after.RetiredIds);
        foreach (var orphan in victim.Members.Skip(1))
            Assert.NotNull(after.SwarmOf(orphan));
        Assert.All(after.Swarms, s => Assert.InRange(s.Members.Count, SwarmLimits.MinSwarmSize, SwarmLimits.MinSwarmSize + 1));
    }

    [Fact]
    public void A_joining_node_fills_one_of_the_smallest_swarms()
    {
        // oxen-core assign_snodes: with three swarms at 5 among ten, the 25th percentile is size 5.
        var ledger = LedgerBuilder.Joins(10 * SwarmLimits.IdealSwarmSize);
        var small = ledger.Swarms.Swarms.Take(3).Select(s => s.Id).ToHashSet();
        foreach (var id in small)
        {
            var swarm = ledger.Swarms.Find(id)!;
            foreach (var node in swarm.Members.Take(swarm.Members.Count - SwarmLimits.MinSwarmSize))
                LedgerBuilder.Add(ledger, new NodeLeave(node));
        }
        var newcomer = 10 * SwarmLimits.IdealSwarmSize;

        LedgerBuilder.Add(ledger, TestNodes.Join(newcomer));

        var home = ledger.Swarms.SwarmOf(TestNodes.Key(newcomer));
        Assert.NotNull(home);
        Assert.Contains(home.Id, small);
    }

    [Fact]
    public void Below_five_nodes_there_is_one_swarm_with_everyone()
    {
        var ledger = LedgerBuilder.Joins(4);

        var swarm = Assert.Single(ledger.Swarms.Swarms);
        Assert.Equal(4, swarm.Members.Count);
    }

    [Fact]
    public void The_last_node_leaving_dissolves_the_last_swarm_and_its_id_is_not_reused()
    {
        var ledger = LedgerBuilder.Joins(1);
        LedgerBuilder.Add(ledger, new NodeLeave(TestNodes.Key(0)));
        Assert.Empty(ledger.Swarms.Swarms);

        LedgerBuilder.Add(ledger, TestNodes.Join(1));

        Assert.Equal([SwarmLimits.MaxSwarmId / 2], ledger.Swarms.SwarmIds);
        Assert.Contains(0UL, ledger.Swarms.RetiredIds);
    }

    [Fact]
    public void Members_are_sorted_by_key()
    {
        var ledger = LedgerBuilder.Joins(30);

        foreach (var swarm in ledger.Swarms.Swarms)
            Assert.Equal(swarm.Members.Order(NodeKeyOrder.Instance), swarm.Members);
    }

    [Fact]
    public void An_address_update_changes_no_swarm()
    {
        var ledger = LedgerBuilder.Joins(20);
        var before = ledger.Swarms;

        LedgerBuilder.Add(ledger, new NodeAddressUpdate(TestNodes.Key(3), "10.0.0.3", 30000, "0.2.0"));

        Assert.Same(before, ledger.Swarms);
    }

    [Fact]
    public void Apply_rejects_changes_that_no_valid_history_contains()
    {
        var map = LedgerBuilder.Joins(6).Swarms;
        var seed = RegistryHash.Zero;

        Assert.Throws<ArgumentException>(() => SwarmAssignment.Apply(map, TestNodes.Join(0), seed));
        Assert.Throws<ArgumentException>(() => SwarmAssignment.Apply(map, new NodeLeave(TestNodes.Key(50)), seed));
        Assert.Throws<ArgumentException>(() => SwarmAssignment.Apply(map, new NodeAddressUpdate(TestNodes.Key(50), "h", 1, "v"), seed));
    }

    [Fact]
    public void Replay_of_the_history_equals_the_incremental_map()
    {
        var ledger = LedgerBuilder.Joins(40);
        LedgerBuilder.Add(ledger, new NodeLeave(TestNodes.Key(7)));
        LedgerBuilder.Add(ledger, new NodeLeave(TestNodes.Key(13)));

        Assert.Equal(ledger.Swarms, SwarmAssignment.Replay(ledger.History));
    }

    [Fact]
    public void Account_lookup_uses_the_nearest_swarm_id()
    {
        var map = LedgerBuilder.Joins(21).Swarms;
        using var account = Ed25519KeyPair.FromSeed(new byte[32]);
        var space = Wisp.Protocol.Swarms.SwarmSpace.SpaceOf(account.X25519PublicKey.Span);

        var swarm = map.SwarmForAccount(account.AccountId);

        Assert.NotNull(swarm);
        Assert.Equal(Wisp.Protocol.Swarms.SwarmSpace.NearestSwarm(map.SwarmIds, space), swarm.Id);
        Assert.Null(SwarmMap.Empty.SwarmForSpace(space));
    }
}
