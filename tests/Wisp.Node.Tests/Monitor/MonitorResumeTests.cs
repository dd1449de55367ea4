using Wisp.Crypto.Keys;
using Wisp.Node.Monitor;
using Wisp.Node.Tests.Monitor.Support;
using Wisp.Protocol.Monitor;

namespace Wisp.Node.Tests.Monitor;

public sealed class MonitorResumeTests
{
    [Fact]
    public async Task A_resumed_subscriber_gets_everything_stored_while_it_was_away_once_and_in_order()
    {
        await using var node = await MonitorTestNode.StartAsync();
        using var alice = Ed25519KeyPair.Generate();
        using var bob = Ed25519KeyPair.Generate();
        using var stranger = Ed25519KeyPair.Generate();
        MonitorSubscribeRequest[] subscriptions() => [node.Subscription(alice, wantData: true), node.Subscription(bob)];

        long cursor;
        string store;
        await using (var first = await node.SubscriberAsync())
        {
            await first.SubscribeAsync(subscriptions());
            var seen = await node.StoreAsync(alice, "seen"u8.ToArray());
            var notification = await first.NotificationAsync();
            Assert.Equal(seen, notification.Hash);
            (cursor, store) = (notification.Cursor, first.Hello.Store);
            await first.CloseAsync();
        }
        var missed = new List<string>
        {
            await node.StoreAsync(bob, "while away 1"u8.ToArray()),
            await node.StoreAsync(stranger, "not watched"u8.ToArray()),
            await node.StoreAsync(alice, "while away 2"u8.ToArray()),
        };
        missed.RemoveAt(1);

        await using var second = await node.SubscriberAsync();
        await second.SendAsync(new MonitorResumeRequest(cursor, store, MonitorSubscribeBatch.Of(subscriptions())).Encode());
        var replayed = new List<MonitorNotification> { await second.NotificationAsync(), await second.NotificationAsync() };
        var end = await second.NextAsync();
        var live = await node.StoreAsync(bob, "after"u8.ToArray());
        var next = await second.NotificationAsync();

        Assert.Equal(missed, replayed.Select(n => n.Hash));
        Assert.Equal("while away 2"u8.ToArray(), replayed[1].Data!.Value.ToArray());
        Assert.Equal(MonitorFrameKind.ResumeReply, end.Kind);
        Assert.Null(end.ResumeReply!.Refusal);
        Assert.Equal(2, end.ResumeReply.Replayed);
        Assert.All(end.ResumeReply.Subscribe, reply => Assert.True(reply.Ok));
        Assert.Equal(live, next.Hash);
        Assert.True(replayed[0].Cursor < replayed[1].Cursor && replayed[1].Cursor < next.Cursor, "cursors increase across replay and live");
    }

    [Fact]
    public async Task A_cursor_from_another_store_is_refused_as_unknown_and_the_subscriptions_still_stand()
    {
        await using var node = await MonitorTestNode.StartAsync();
        using var alice = Ed25519KeyPair.Generate();
        await node.StoreAsync(alice, "before"u8.ToArray());
        await using var subscriber = await node.SubscriberAsync();

        await subscriber.SendAsync(new MonitorResumeRequest(0, new string('0', 32), MonitorSubscribeBatch.Of([node.Subscription(alice)])).Encode());
        var end = await subscriber.NextAsync();
        var live = await node.StoreAsync(alice, "after"u8.ToArray());

        Assert.Equal(MonitorFrameKind.ResumeReply, end.Kind);
        Assert.Equal(MonitorResponseCode.UnknownCursor, end.ResumeReply!.Refusal!.Code);
        Assert.True(Assert.Single(end.ResumeReply.Subscribe).Ok);
        Assert.Equal(live, (await subscriber.NotificationAsync()).Hash);
    }

    [Fact]
    public async Task A_cursor_further_back_than_the_node_replays_is_refused_as_too_old()
    {
        await using var node = await MonitorTestNode.StartAsync(MonitorBounds.Default with { MaxResumeNotifications = 2 });
        using var alice = Ed25519KeyPair.Generate();
        await using var subscriber = await node.SubscriberAsync();
        var from = subscriber.Hello.Cursor;
        for (var i = 0; i < 3; i++) await node.StoreAsync(alice, [(byte)i]);

        await subscriber.SendAsync(new MonitorResumeRequest(from, subscriber.Hello.Store, MonitorSubscribeBatch.Of([node.Subscription(alice)])).Encode());
        var end = await subscriber.NextAsync();

        Assert.Equal(MonitorFrameKind.ResumeReply, end.Kind);
        Assert.Equal(MonitorResponseCode.CursorTooOld, end.ResumeReply!.Refusal!.Code);
    }

    [Fact]
    public async Task A_resume_after_a_subscribe_on_the_same_connection_is_refused()
    {
        await using var node = await MonitorTestNode.StartAsync();
        using var alice = Ed25519KeyPair.Generate();
        await using var subscriber = await node.SubscriberAsync();
        await subscriber.SubscribeAsync([node.Subscription(alice)]);

        await subscriber.SendAsync(new MonitorResumeRequest(0, subscriber.Hello.Store, MonitorSubscribeBatch.Of([node.Subscription(alice)])).Encode());
        var reply = Assert.Single(await subscriber.RepliesAsync());

        Assert.Equal(MonitorResponseCode.BadArgs, reply.Code);
    }
}
