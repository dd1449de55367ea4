using System.Net;
using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Node.Hosting;
using Wisp.Node.Tests.Swarm.Support;
using Wisp.Testing;

namespace Wisp.Node.Tests.Swarm;

/// <summary>What a node in a network answers before it can serve: no swarms yet, or a registry it cannot use.</summary>
public sealed class RegistryDirectoryTests
{
    [Fact]
    public async Task Before_the_registry_has_swarms_every_account_gets_sessions_421_with_no_swarm()
    {
        var network = new SwarmNetwork();
        await using var node = await TestNode.StartAsync(network.Options);
        await using var _ = network;
        using var account = Ed25519KeyPair.Generate();

        using var response = await node.PostRpcAsync("retrieve", SignedRequests.Retrieve(account, 0, Messages.NowMs()).ToJsonString(),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("ffffffffffffffff", body["swarm"]!.GetValue<string>());
        Assert.Empty(body["snodes"]!.AsArray());
    }

    [Fact]
    public async Task A_registry_signed_by_another_key_stops_the_start_naming_the_option()
    {
        await using var network = new SwarmNetwork();
        using var directory = new TempDirectory();
        var options = network.Options(TestNode.DefaultOptions(directory.Path)) with { RegistryKeyHex = new string('b', 64) };

        var exception = await Assert.ThrowsAsync<NodeStartException>(() => WispNodeHost.StartAsync(options, TestContext.Current.CancellationToken));

        Assert.StartsWith("--registry:", Assert.Single(exception.Problems));
    }
}
