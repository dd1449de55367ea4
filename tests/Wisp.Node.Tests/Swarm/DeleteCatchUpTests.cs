using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Crypto.Keys;
using Wisp.Node.Storage;
using Wisp.Node.Swarm;
using Wisp.Node.Tests.Swarm.Support;
using Wisp.Testing;

namespace Wisp.Node.Tests.Swarm;

/// <summary>A message deleted while a member was down does not come back to the others through catch-up.</summary>
public sealed class DeleteCatchUpTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_deleted_while_a_member_was_down_is_not_pulled_back_from_it()
    {
        await using var network = await SwarmNetwork.StartAsync(7);
        using var account = Ed25519KeyPair.Generate();
        var (status, stored) = await SwarmNetwork.StoreAsync(network.Nodes[0], account, "gone for good"u8.ToArray());
        Assert.Equal(200, status);
        var hash = stored["hash"]!.GetValue<string>();
        var away = network.Nodes[6];
        var awayHex = SwarmNetwork.KeyOf(away).ToHex();
        await network.StopAsync(away);

        using var response = await network.Nodes[1].PostRpcAsync("delete", SignedRequests.Delete(account, hash).ToJsonString(), Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var swarm = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["swarm"]!.AsObject();
        Assert.True(swarm[awayHex]!["failed"]!.GetValue<bool>(), "the stopped member missed the delete");

        var back = await network.RestartAsync(away);
        await network.SettleAsync();
        Assert.True(await SwarmNetwork.HoldsAsync(back, account, 0, hash), "the member that was down still holds the message");

        // The others' cursors on the returning member may already be past the message (they listed it while it was
        // held everywhere); move them back to the start so that this catch-up lists it, fetches it and offers it to
        // the store — the path a cursor before the message, or a page read before the delete, takes.
        var backStoreId = back.Host.Services.GetRequiredService<SqliteMessageStore>().StoreId;
        var others = network.Nodes.Where(n => n != back).ToList();
        foreach (var node in others)
        {
            node.Host.Services.GetRequiredService<SwarmStateStore>().SaveCursor(awayHex, backStoreId, 0);
            await node.Host.Services.GetRequiredService<CatchUpService>().CatchUpOnceAsync(Token);
        }

        foreach (var node in others)
            Assert.False(await SwarmNetwork.HoldsAsync(node, account, 0, hash), $"node {SwarmNetwork.KeyOf(node)} does not hold the deleted message");
    }
}
