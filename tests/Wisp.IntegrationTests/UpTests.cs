using System.Security.Cryptography;
using Wisp.Crypto.Keys;
using Wisp.IntegrationTests.Support;
using Wisp.Network.Swarms;
using Wisp.Testing;

namespace Wisp.IntegrationTests;

/// <summary><c>wisp up</c> with 12 node processes, and <c>wisp net status</c> on it (health, swarms, memory).</summary>
public sealed class UpTests(TwelveNodeNetwork network) : IClassFixture<TwelveNodeNetwork>
{
    [Fact]
    public async Task Wisp_up_brings_up_a_healthy_twelve_node_network_in_swarms_of_at_least_five()
    {
        // Health is probed live; on a loaded machine a probe can miss once, so wait for a status where all answer.
        var status = default(System.Text.Json.JsonElement);
        await Eventually.TrueAsync(async () =>
        {
            status = await network.StatusAsync();
            return status.GetProperty("nodes").EnumerateArray().All(node => node.GetProperty("healthy").GetBoolean());
        }, "every node healthy in wisp net status", TimeSpan.FromSeconds(90));

        var nodes = status.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(12, nodes.Count);
        Assert.All(nodes, node =>
        {
            Assert.True(node.GetProperty("healthy").GetBoolean(), $"{node.GetProperty("name")} is not healthy");
            Assert.False(node.GetProperty("removed").GetBoolean());
            Assert.NotNull(node.GetProperty("swarm").GetString());
            Assert.Equal(64, node.GetProperty("x25519").GetString()!.Length);
        });
        var swarms = status.GetProperty("swarms").EnumerateArray().ToList();
        Assert.NotEmpty(swarms);
        Assert.All(swarms, swarm => Assert.True(swarm.GetProperty("members").GetArrayLength() >= SwarmLimits.MinSwarmSize));
        Assert.Equal(12, swarms.Sum(swarm => swarm.GetProperty("members").GetArrayLength()));
        Assert.Equal(network.UpProcess.Id, status.GetProperty("up_pid").GetInt32());
        // Each running node's resident memory, and their sum: what the network costs the machine.
        Assert.All(nodes, node => Assert.True(node.GetProperty("rss_bytes").GetInt64() > 0, $"{node.GetProperty("name")} has no RSS"));
        Assert.Equal(nodes.Sum(node => node.GetProperty("rss_bytes").GetInt64()), status.GetProperty("total_rss_bytes").GetInt64());
    }

    [Fact]
    public async Task A_second_wisp_up_on_the_same_folder_says_the_network_is_running()
    {
        var (exitCode, _, stderr) = await WispProcess.RunAsync("up", "--network", network.Folder);

        Assert.Equal(1, exitCode);
        Assert.Contains("is already running", stderr);
        Assert.Contains($"pid {network.UpProcess.Id}", stderr);
    }

    [Fact]
    public async Task A_store_is_acknowledged_by_every_member_of_its_swarm_and_held_by_each()
    {
        var cancellation = TestContext.Current.CancellationToken;
        for (var i = 0; i < 10; i++)
        {
            using var account = Ed25519KeyPair.Generate();
            var swarm = network.SwarmOf(account);
            var answer = await network.Client.StoreAsync(swarm[i % swarm.Count].Url, account, RandomNumberGenerator.GetBytes(100), cancellation);

            Assert.True(answer.Status == 200, answer.Body);
            Assert.True(answer.SwarmResults.Count >= SwarmLimits.MinSwarmSize, answer.Body);
            foreach (var member in swarm)
                Assert.Contains(answer.Hash!, await network.Client.RetrieveHashesAsync(member.Url, account, cancellation) ?? []);
        }
    }
}
