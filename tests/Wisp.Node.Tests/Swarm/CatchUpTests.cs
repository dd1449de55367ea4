using Microsoft.Extensions.DependencyInjection;
using Wisp.Crypto.Keys;
using Wisp.Node.Peers;
using Wisp.Node.Tests.Swarm.Support;
using Wisp.Testing;

namespace Wisp.Node.Tests.Swarm;

/// <summary>Nodes that were away, or are new, end up with their swarm's messages; peer tests record what they see.</summary>
public sealed class CatchUpTests
{
    [Fact]
    public async Task A_member_that_was_down_gets_what_was_stored_meanwhile_and_a_joining_node_gets_the_swarms_messages()
    {
        await using var network = await SwarmNetwork.StartAsync(7);
        using var account = Ed25519KeyPair.Generate();
        var away = network.Nodes[6];
        await network.StopAsync(away);

        var hashes = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var (status, body) = await SwarmNetwork.StoreAsync(network.Nodes[i % 6], account, BitConverter.GetBytes(i));
            Assert.Equal(200, status);
            Assert.True(body["swarm"]![SwarmNetwork.KeyOf(away).ToHex()]!["failed"]!.GetValue<bool>(), "the stopped member is reported as failed");
            hashes.Add(body["hash"]!.GetValue<string>());
        }

        var back = await network.RestartAsync(away);
        await network.SettleAsync();
        await Eventually.TrueAsync(() => HoldsAllAsync(back, account, hashes), "the restarted member holds all 20 messages");

        var joined = await network.AddNodeAsync();
        await network.SettleAsync();
        Assert.Contains(network.SwarmOf(account), n => n == joined);
        await Eventually.TrueAsync(() => HoldsAllAsync(joined, account, hashes), "the new member holds the swarm's messages");
    }

    [Fact]
    public async Task Peer_tests_record_a_pass_for_a_live_peer_and_failures_for_a_stopped_one()
    {
        await using var network = await SwarmNetwork.StartAsync(5);
        var tester = network.Nodes[0];
        var service = tester.Host.Services.GetRequiredService<PeerTestService>();
        var log = tester.Host.Services.GetRequiredService<PeerTestLog>();

        var first = await service.TestOnceAsync(TestContext.Current.CancellationToken);
        Assert.Contains(first, r => r.Kind == PeerTestKind.Reachability && r.Passed);

        var stopped = network.Nodes[1];
        var stoppedHex = SwarmNetwork.KeyOf(stopped).ToHex();
        await network.StopAsync(stopped);
        await Eventually.TrueAsync(async () =>
        {
            await service.TestOnceAsync(TestContext.Current.CancellationToken);
            return log.Recent(100, stoppedHex).Any(r => !r.Passed);
        }, "a test of the stopped node fails");

        var failure = log.Recent(100, stoppedHex).First(r => !r.Passed);
        Assert.Equal(PeerTestKind.Reachability, failure.Kind);
        Assert.NotEmpty(failure.Reason);
        Assert.Contains(log.Tallies(), t => t.Peer == stoppedHex && t.Failed > 0);
        await network.RestartAsync(stopped);
    }

    private static async Task<bool> HoldsAllAsync(TestNode node, Ed25519KeyPair account, List<string> hashes)
    {
        foreach (var hash in hashes)
        {
            if (!await SwarmNetwork.HoldsAsync(node, account, 0, hash)) return false;
        }
        return true;
    }
}
