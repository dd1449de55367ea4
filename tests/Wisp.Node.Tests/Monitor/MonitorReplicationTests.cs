using Wisp.Crypto.Keys;
using Wisp.Node.Tests.Monitor.Support;
using Wisp.Node.Tests.Swarm.Support;
using Wisp.Protocol.Monitor;
using Wisp.Testing;

namespace Wisp.Node.Tests.Monitor;

public sealed class MonitorReplicationTests
{
    [Fact]
    public async Task A_message_stored_through_a_swarm_peer_is_notified_by_the_node_it_was_replicated_to()
    {
        await using var network = await SwarmNetwork.StartAsync(2);
        using var alice = Ed25519KeyPair.Generate();
        var (entry, watched) = (network.Nodes[0], network.Nodes[1]);
        await using var subscriber = await MonitorSubscriber.ConnectAsync(watched);
        var subscription = MonitorSubscribeRequest.Sign(alice, [0], wantData: true, Messages.NowMs() / 1000);
        Assert.True(Assert.Single(await subscriber.SubscribeAsync([subscription])).Ok);

        var (status, body) = await SwarmNetwork.StoreAsync(entry, alice, "through the peer"u8.ToArray());
        var notification = await subscriber.NotificationAsync();

        Assert.Equal(200, status);
        Assert.Equal(body["hash"]!.GetValue<string>(), notification.Hash);
        Assert.Equal("through the peer"u8.ToArray(), notification.Data!.Value.ToArray());
    }
}
