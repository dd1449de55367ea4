using System.Net;
using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Node.Tests.Swarm.Support;
using Wisp.Testing;

namespace Wisp.Node.Tests.Swarm;

/// <summary>When swarms appear and dissolve, every message ends up on every member of its account's current swarm.</summary>
public sealed class MigrationTests
{
    [Fact]
    public async Task Messages_follow_their_accounts_when_a_swarm_appears_and_when_it_dissolves_and_others_get_421()
    {
        await using var network = await SwarmNetwork.StartAsync(7);
        Assert.Single(network.Swarms.Swarms);
        var accounts = Enumerable.Range(0, 12).Select(_ => Ed25519KeyPair.Generate()).ToList();
        var stored = new List<(Ed25519KeyPair Account, string Hash)>();
        foreach (var account in accounts)
        {
            var (status, body) = await SwarmNetwork.StoreAsync(network.Nodes[0], account, "moving"u8.ToArray());
            Assert.Equal(200, status);
            stored.Add((account, body["hash"]!.GetValue<string>()));
        }

        for (var i = 0; i < 7; i++)
            await network.AddNodeAsync();
        await network.SettleAsync();
        Assert.Equal(2, network.Swarms.Swarms.Count);
        await Eventually.TrueAsync(() => EveryMemberHoldsAsync(network, stored), "each message is on every member of its account's new swarm");

        // An account is refused with 421 by a node of the other swarm, and the body names the right swarm.
        var (moved, _) = stored.First(s => network.SwarmOf(s.Account).Count > 0);
        var outsider = network.OutsideSwarmOf(moved);
        using var misdirected = await outsider.PostRpcAsync("retrieve", SignedRequests.Retrieve(moved, 0, Messages.NowMs()).ToJsonString(),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, misdirected.StatusCode);
        var body421 = JsonNode.Parse(await misdirected.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        var right = network.Swarms.SwarmForPrefixedKey(moved.AccountId.Bytes)!;
        Assert.Equal(right.Id.ToString("x"), body421["swarm"]!.GetValue<string>());
        Assert.Equal(right.Members.Select(m => m.ToHex()).Order(), body421["snodes"]!.AsArray().Select(n => n!["pubkey_ed25519"]!.GetValue<string>()).Order());

        // Members of the newer swarm leave until it dissolves (the assignment may first refill it from the other
        // swarm); its accounts, and what the departed nodes held, end up on the one remaining swarm.
        var newerId = network.Swarms.Swarms.Single(s => !s.Contains(SwarmNetwork.KeyOf(network.Nodes[0]))).Id;
        while (network.Swarms.Find(newerId) is { } newer)
            network.Leave(network.Nodes.First(n => newer.Contains(SwarmNetwork.KeyOf(n))));
        await network.SettleAsync();
        Assert.Single(network.Swarms.Swarms);
        await Eventually.TrueAsync(() => EveryMemberHoldsAsync(network, stored), "each message is on every member of the one remaining swarm");
    }

    private static async Task<bool> EveryMemberHoldsAsync(SwarmNetwork network, List<(Ed25519KeyPair Account, string Hash)> stored)
    {
        foreach (var (account, hash) in stored)
        {
            foreach (var node in network.SwarmOf(account))
            {
                if (!await SwarmNetwork.HoldsAsync(node, account, 0, hash)) return false;
            }
        }
        return true;
    }
}
