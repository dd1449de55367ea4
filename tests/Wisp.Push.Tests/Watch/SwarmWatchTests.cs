using Wisp.Protocol.Push;
using Wisp.Push.Tests.Support;
using Wisp.Testing;

namespace Wisp.Push.Tests.Watch;

/// <summary>
/// The push server on real nodes: it watches the subscribed account's swarm through the nodes' monitor streams,
/// notifies once per message though every member reports it, resumes after a restart with nothing missed, and follows
/// a swarm that gains a member.
/// </summary>
public sealed class SwarmWatchTests
{
    [Fact]
    public async Task AMessageStoredOnTheSwarm_ReachesTheEndpointOnce()
    {
        await using var network = await PushNetwork.StartAsync(3);
        await using var receiver = await PushReceiver.StartAsync();
        await using var server = await network.StartPushServerAsync();
        using var account = new Subscriber();
        Assert.True((await server.SendAsync(PushRoutes.Subscribe, account.Subscription(receiver.Endpoint(), DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToJson())).Success);
        await PushNetwork.AcceptedAsync(server, 3);

        var first = await PushNetwork.StoreAsync(network.Nodes[0], account, "first"u8.ToArray());
        var push = await receiver.NextAsync();
        var second = await PushNetwork.StoreAsync(network.Nodes[1], account, "second"u8.ToArray());
        var next = await receiver.NextAsync();

        Assert.True(NotificationPayload.TryOpen(account.EncKey, push.Body, out var one));
        Assert.Equal((first, "first"), (one.Hash, System.Text.Encoding.UTF8.GetString(one.Data!)));
        Assert.True(NotificationPayload.TryOpen(account.EncKey, next.Body, out var two));
        Assert.Equal(second, two.Hash);
    }

    [Fact]
    public async Task ARestartedPushServer_ResumesFromItsCursors_WithNothingMissed()
    {
        await using var network = await PushNetwork.StartAsync(2);
        await using var receiver = await PushReceiver.StartAsync();
        using var directory = new TempDirectory();
        using var account = new Subscriber();
        await using (var server = await network.StartPushServerAsync(directory.Path))
        {
            await server.SendAsync(PushRoutes.Subscribe, account.Subscription(receiver.Endpoint(), DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToJson());
            await PushNetwork.AcceptedAsync(server, 2);
        }

        var whileDown = await PushNetwork.StoreAsync(network.Nodes[0], account, "while the push server was down"u8.ToArray());
        await using var restarted = await network.StartPushServerAsync(directory.Path);
        var push = await receiver.NextAsync();

        Assert.True(NotificationPayload.TryOpen(account.EncKey, push.Body, out var content));
        Assert.Equal(whileDown, content.Hash);
        var after = await PushNetwork.StoreAsync(network.Nodes[1], account, "after"u8.ToArray());
        var nextBody = (await receiver.NextAsync()).Body;
        Assert.True(NotificationPayload.TryOpen(account.EncKey, nextBody, out var next));
        Assert.Equal(after, next.Hash);
    }

    [Fact]
    public async Task ANodeJoiningTheSwarm_IsFollowed_AndCarriesTheNotifications()
    {
        await using var network = await PushNetwork.StartAsync(2);
        await using var receiver = await PushReceiver.StartAsync();
        await using var server = await network.StartPushServerAsync();
        using var account = new Subscriber();
        await server.SendAsync(PushRoutes.Subscribe, account.Subscription(receiver.Endpoint(), DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToJson());
        await PushNetwork.AcceptedAsync(server, 2);

        var joined = await network.AddNodeAsync();
        await network.SettleAsync();
        await PushNetwork.AcceptedAsync(server, 3);

        Assert.Contains($"127.0.0.1:{joined.Port}", server.Server.Services.GetWatcher().StreamedNodes);

        // The first members leave: only the joined node's stream can carry the next notification.
        foreach (var old in network.Nodes.Where(n => n != joined).ToList()) await network.RemoveAsync(old);
        await network.SettleAsync();
        await PushNetwork.AcceptedAsync(server, 1);
        var hash = await PushNetwork.StoreAsync(joined, account, "via the new member"u8.ToArray());
        var body = (await receiver.NextAsync()).Body;
        Assert.True(NotificationPayload.TryOpen(account.EncKey, body, out var content));
        Assert.Equal(hash, content.Hash);
    }
}
