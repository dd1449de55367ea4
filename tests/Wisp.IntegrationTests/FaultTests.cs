using Wisp.Crypto.Keys;
using Wisp.IntegrationTests.Support;

namespace Wisp.IntegrationTests;

/// <summary>Accounts used by the fault tests: many, so that stores spread over every swarm.</summary>
internal static class FaultAccounts
{
    public static Ed25519KeyPair[] Make(int count) => [.. Enumerable.Range(0, count).Select(_ => Ed25519KeyPair.Generate())];

    /// <summary>For every acknowledged message, the nodes among <paramref name="nodes"/> that hold it.</summary>
    public static async Task<Dictionary<string, int>> HoldersAsync(
        LocalNetworkFixture network, StoreStream stream, Func<Ed25519KeyPair, IEnumerable<NetworkNode>> nodes)
    {
        var holders = stream.Acknowledged.ToDictionary(a => a.Hash, _ => 0);
        for (var i = 0; i < stream.Accounts.Count; i++)
        {
            foreach (var node in nodes(stream.Accounts[i]))
            {
                var held = await network.Client.RetrieveHashesAsync(node.Url, stream.Accounts[i], TestContext.Current.CancellationToken) ?? [];
                foreach (var hash in held.Where(holders.ContainsKey))
                    holders[hash]++;
            }
        }
        return holders;
    }
}

/// <summary>Any 3 of a swarm's 7 nodes killed (-9) under a stream of stores: no acknowledged message is lost.</summary>
public sealed class KillThreeOfSevenTests(SevenNodeNetwork network) : IClassFixture<SevenNodeNetwork>
{
    [Fact]
    public async Task Every_acknowledged_message_survives_three_of_seven_nodes_killed_mid_stream()
    {
        var swarm = Assert.Single(network.Swarms());
        Assert.Equal(7, swarm.Members.Count);
        var stream = new StoreStream(network, FaultAccounts.Make(40));
        using var stop = new CancellationTokenSource();
        var running = stream.RunAsync(stop.Token);

        await stream.WaitForAsync(150);
        var victims = swarm.Members.Skip(1).Take(3).Select(network.NodeByKey).ToList();
        foreach (var victim in victims)
            network.KillHard(victim);
        var atKill = stream.Acknowledged.Count;
        await stream.WaitForAsync(atKill + 150);
        await stop.CancelAsync();
        await running;

        var survivors = network.Nodes.Except(victims).ToList();
        var holders = await FaultAccounts.HoldersAsync(network, stream, _ => survivors);
        var lost = holders.Where(h => h.Value == 0).Select(h => h.Key).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {holders.Count} acknowledged messages are on no surviving node");
        // Each answer came after every live peer stored it: at least the 4 survivors signed each one.
        Assert.All(stream.Acknowledged, a => Assert.True(a.SignedResults >= survivors.Count, $"{a.Hash} was signed by {a.SignedResults} nodes"));
    }
}

/// <summary>Nodes added and removed mid-stream: every message ends up on every member of its account's current swarm.</summary>
public sealed class MembershipChangeTests(SevenNodeNetwork network) : IClassFixture<SevenNodeNetwork>
{
    [Fact]
    public async Task Every_message_ends_up_in_its_accounts_current_swarm_after_nodes_join_and_leave_mid_stream()
    {
        var stream = new StoreStream(network, FaultAccounts.Make(40));
        using var stop = new CancellationTokenSource();
        var running = stream.RunAsync(stop.Token);

        await stream.WaitForAsync(100);
        await network.AddNodesAsync(7);
        Assert.Equal(2, network.Swarms().Count);
        await stream.WaitForAsync(stream.Acknowledged.Count + 100);
        foreach (var swarm in network.Swarms())
            await network.RemoveNodeAsync(network.NodeByKey(swarm.Members[0]));
        await stream.WaitForAsync(stream.Acknowledged.Count + 100);
        await stop.CancelAsync();
        await running;

        var expected = stream.Acknowledged.Count;
        Dictionary<string, int> holders = [];
        await Wisp.Testing.Eventually.TrueAsync(async () =>
        {
            holders = await FaultAccounts.HoldersAsync(network, stream, account => network.SwarmOf(account));
            return stream.Acknowledged.All(a => holders[a.Hash] == network.SwarmOf(stream.Accounts[a.Account]).Count);
        }, "every acknowledged message is on every member of its account's current swarm", TimeSpan.FromSeconds(120));
        Assert.Equal(expected, holders.Count);
    }
}

/// <summary>A node killed (-9) and restarted catches up with what its swarm stored meanwhile.</summary>
public sealed class CatchUpTests(SevenNodeNetwork network) : IClassFixture<SevenNodeNetwork>
{
    [Fact]
    public async Task A_killed_node_restarted_holds_every_message_stored_while_it_was_down()
    {
        var swarm = Assert.Single(network.Swarms());
        var victim = network.NodeByKey(swarm.Members[3]);
        var accounts = FaultAccounts.Make(10);
        var before = new StoreStream(network, accounts);
        using (var stop = new CancellationTokenSource())
        {
            var running = before.RunAsync(stop.Token);
            await before.WaitForAsync(50);
            await stop.CancelAsync();
            await running;
        }

        network.KillHard(victim);
        var whileDown = new StoreStream(network, accounts);
        using (var stop = new CancellationTokenSource())
        {
            var running = whileDown.RunAsync(stop.Token);
            await whileDown.WaitForAsync(100);
            await stop.CancelAsync();
            await running;
        }
        await network.RestartAsync(victim);

        var expected = before.HashesByAccount().Concat(whileDown.HashesByAccount())
            .SelectMany(g => g.Select(hash => (g.Key, hash))).ToList();
        await Wisp.Testing.Eventually.TrueAsync(async () =>
        {
            for (var i = 0; i < accounts.Length; i++)
            {
                var held = await network.Client.RetrieveHashesAsync(victim.Url, accounts[i], TestContext.Current.CancellationToken) ?? [];
                if (expected.Where(e => e.Key == i).Any(e => !held.Contains(e.hash)))
                    return false;
            }
            return true;
        }, $"{victim.Name} holds all {expected.Count} messages after its restart", TimeSpan.FromSeconds(90));
    }
}
