using CsCheck;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;
using Wisp.Network.Swarms;
using Wisp.Network.Tests.Support;

namespace Wisp.Network.Tests.Swarms;

/// <summary>Properties of swarm assignment over random join/leave histories.</summary>
public sealed class SwarmAssignmentProperties
{
    private const int KeyPool = 120;

    /// <summary>Each int picks join (70%) or leave (30%) and which node; a leave with nobody active becomes a join.</summary>
    private static readonly Gen<int[]> Operations = Gen.Int[0, int.MaxValue].Array[1, 220];

    private static RegistryLedger Build(int[] operations)
    {
        var ledger = new RegistryLedger();
        var active = new List<int>();
        var inactive = Enumerable.Range(0, KeyPool).ToList();
        foreach (var op in operations)
        {
            var join = (op % 10 < 7 || active.Count == 0) && inactive.Count > 0;
            var pick = op / 10;
            if (join)
            {
                var node = inactive[pick % inactive.Count];
                inactive.Remove(node);
                active.Add(node);
                LedgerBuilder.Add(ledger, TestNodes.Join(node));
            }
            else
            {
                var node = active[pick % active.Count];
                active.Remove(node);
                inactive.Add(node);
                LedgerBuilder.Add(ledger, new NodeLeave(TestNodes.Key(node)));
            }
        }
        return ledger;
    }

    [Fact]
    public void Replay_is_deterministic_also_from_a_reloaded_file()
    {
        using var registryKey = TestNodes.RegistryKey();
        Operations.Sample(operations =>
        {
            var ledger = Build(operations);
            var first = SwarmAssignment.Replay(ledger.History);
            var second = SwarmAssignment.Replay(ledger.History);
            var file = RegistryFile.Serialize(Signing.Snapshot(ledger, registryKey));
            var reloaded = RegistryFile.Parse(file, registryKey.PublicKey);

            Assert.True(reloaded.IsSuccess, reloaded.Error?.Message);
            Assert.Equal(first, second);
            Assert.Equal(first, ledger.Swarms);
            Assert.Equal(first, reloaded.Value!.Swarms);
            Assert.Equal(first, SwarmAssignment.Replay(reloaded.Value.History));
        }, iter: 40);
    }

    [Fact]
    public void Every_active_node_is_in_exactly_one_swarm_and_no_left_node_is_in_any()
    {
        Operations.Sample(operations =>
        {
            var ledger = Build(operations);
            using var registryKey = TestNodes.RegistryKey();
            var snapshot = Signing.Snapshot(ledger, registryKey);
            var placements = snapshot.Swarms.Swarms.SelectMany(s => s.Members).ToList();

            Assert.Equal(snapshot.ActiveNodes.Count, placements.Count);
            Assert.Equal(placements.Count, placements.Distinct().Count());
            foreach (var node in snapshot.ActiveNodes)
                Assert.NotNull(snapshot.Swarms.SwarmOf(node.Ed25519Key));
            foreach (var node in snapshot.AllNodes.Where(n => !n.IsActive))
                Assert.Null(snapshot.Swarms.SwarmOf(node.Ed25519Key));
        }, iter: 60);
    }

    [Fact]
    public void No_swarm_is_under_the_minimum_once_there_are_enough_nodes()
    {
        Operations.Sample(operations =>
        {
            var ledger = new RegistryLedger();
            // Check after every prefix: the property must hold at every version, not only the last.
            foreach (var version in Build(operations).History)
            {
                Assert.True(ledger.TryAppend(version, out var error), error?.Message);
                var map = ledger.Swarms;
                if (map.NodeCount >= SwarmLimits.MinSwarmSize)
                    Assert.All(map.Swarms, s => Assert.True(s.Members.Count >= SwarmLimits.MinSwarmSize, $"{s} at version {version.Number}"));
                if (map.NodeCount > 0)
                    Assert.NotEmpty(map.Swarms);
            }
        }, iter: 40);
    }

    [Fact]
    public void Swarm_ids_are_unique_and_a_dissolved_id_never_returns()
    {
        Operations.Sample(operations =>
        {
            var ever = new HashSet<ulong>();
            var gone = new HashSet<ulong>();
            var previous = SwarmMap.Empty;
            foreach (var version in Build(operations).History)
            {
                var map = SwarmAssignment.Apply(previous, version.Change, version.Hash);
                Assert.Equal(map.SwarmIds.Count, map.SwarmIds.Distinct().Count());
                Assert.Equal(map.SwarmIds.Order(), map.SwarmIds);
                Assert.DoesNotContain(map.SwarmIds, gone.Contains);
                foreach (var id in previous.SwarmIds.Except(map.SwarmIds))
                    gone.Add(id);
                ever.UnionWith(map.SwarmIds);
                Assert.Subset(ever, gone);
                previous = map;
            }
        }, iter: 40);
    }

    [Fact]
    public void A_different_history_hash_seeds_different_draws()
    {
        // Same changes, different times → different hashes → (almost always) a different placement somewhere.
        var a = new RegistryLedger();
        var b = new RegistryLedger();
        for (var i = 0; i < 60; i++)
        {
            Assert.True(a.Append(TestNodes.Join(i), TestNodes.Epoch).IsSuccess);
            Assert.True(b.Append(TestNodes.Join(i), TestNodes.Epoch.AddHours(1)).IsSuccess);
        }

        Assert.Equal(a.Swarms.SwarmIds, b.Swarms.SwarmIds);
        Assert.NotEqual(a.Swarms, b.Swarms);
    }

}
