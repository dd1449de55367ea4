using Wisp.Crypto.Keys;
using Wisp.Node.Tests.Monitor.Support;
using Wisp.Protocol.Monitor;

namespace Wisp.Node.Tests.Monitor;

public sealed class MonitorSubscribeTests
{
    [Fact]
    public async Task A_store_is_notified_with_its_data_only_to_the_subscription_that_asked_for_it()
    {
        await using var node = await MonitorTestNode.StartAsync();
        using var alice = Ed25519KeyPair.Generate();
        using var bob = Ed25519KeyPair.Generate();
        await using var subscriber = await node.SubscriberAsync();

        var replies = await subscriber.SubscribeAsync([node.Subscription(alice, wantData: true), node.Subscription(bob, wantData: false)]);
        Assert.All(replies, reply => Assert.True(reply.Ok));

        var aliceHash = await node.StoreAsync(alice, "for alice"u8.ToArray());
        var first = await subscriber.NotificationAsync();
        var bobHash = await node.StoreAsync(bob, "for bob"u8.ToArray());
        var second = await subscriber.NotificationAsync();

        Assert.Equal((alice.AccountId.Hex, aliceHash, 0), (Convert.ToHexStringLower(first.Account), first.Hash, first.Namespace));
        Assert.Equal("for alice"u8.ToArray(), first.Data!.Value.ToArray());
        Assert.Equal(node.Clock.NowMs, first.TimestampMs);
        Assert.Equal(node.Clock.NowMs + 3_600_000, first.ExpiryMs);
        Assert.Equal((bob.AccountId.Hex, bobHash), (Convert.ToHexStringLower(second.Account), second.Hash));
        Assert.Null(second.Data);
        Assert.True(second.Cursor > first.Cursor, "cursors increase");
        Assert.True(first.Cursor > subscriber.Hello.Cursor, "the hello's cursor is before every later store");
    }

    [Fact]
    public async Task A_namespace_not_subscribed_is_not_notified()
    {
        await using var node = await MonitorTestNode.StartAsync();
        using var alice = Ed25519KeyPair.Generate();
        await using var subscriber = await node.SubscriberAsync();
        Assert.True(Assert.Single(await subscriber.SubscribeAsync([node.Subscription(alice, false, 0, 5)])).Ok);

        await node.StoreAsync(alice, "config"u8.ToArray(), ns: 3);
        var hash = await node.StoreAsync(alice, "message"u8.ToArray(), ns: 0);

        var notification = await subscriber.NotificationAsync();
        Assert.Equal((hash, 0), (notification.Hash, notification.Namespace));
    }

    [Fact]
    public async Task Bad_signatures_timestamps_and_namespaces_are_refused_with_Sessions_codes_and_texts()
    {
        await using var node = await MonitorTestNode.StartAsync();
        using var alice = Ed25519KeyPair.Generate();
        await using var subscriber = await node.SubscriberAsync();
        var good = node.Subscription(alice);
        var forged = good with { Signature = [.. good.Signature.Select((b, i) => i == 0 ? (byte)(b ^ 1) : b)] };
        var stale = MonitorSubscribeRequest.Sign(alice, [0], false, node.NowSeconds - MonitorSubscribeRequest.MaxSignatureAgeSeconds - 1);
        var future = MonitorSubscribeRequest.Sign(alice, [0], false, node.NowSeconds + MonitorSubscribeRequest.MaxSignatureLeadSeconds + 60);
        var descending = MonitorSubscribeRequest.Sign(alice, [2, 1], false, node.NowSeconds);
        var otherData = MonitorSubscribeRequest.Sign(alice, [0], wantData: false, node.NowSeconds) with { WantData = true };

        var replies = await subscriber.SubscribeAsync([forged, stale, future, descending, otherData, good]);

        Assert.Equal(
            [
                (MonitorResponseCode.BadSignature, "Signature verification failed"),
                (MonitorResponseCode.BadTimestamp, "Invalid t= signature timestamp: timestamp is too old"),
                (MonitorResponseCode.BadTimestamp, "Invalid t= signature timestamp: timestamp is in the future"),
                (MonitorResponseCode.BadNamespace, "Invalid n= namespace list: namespaces must be ascending"),
                (MonitorResponseCode.BadSignature, "Signature verification failed"),
            ],
            replies.Take(5).Select(r => (r.Code!.Value, r.Error!)));
        Assert.True(replies[5].Ok);
    }

    [Fact]
    public async Task A_frame_that_is_not_a_bencoded_dict_or_list_is_answered_with_Sessions_bad_args()
    {
        await using var node = await MonitorTestNode.StartAsync();
        await using var subscriber = await node.SubscriberAsync();

        await subscriber.SendAsync("i42e"u8.ToArray());
        var reply = Assert.Single(await subscriber.RepliesAsync());

        Assert.Equal(MonitorResponseCode.BadArgs, reply.Code);
        Assert.Equal("Invalid arguments: monitor request takes a single bencoded dict or list parameter", reply.Error);
    }

    [Fact]
    public async Task A_dict_missing_its_pubkey_gets_a_dict_reply_naming_the_problem()
    {
        await using var node = await MonitorTestNode.StartAsync();
        await using var subscriber = await node.SubscriberAsync();
        using var alice = Ed25519KeyPair.Generate();
        var anonymous = node.Subscription(alice) with { SessionEd25519 = null };

        await subscriber.SendAsync(Wisp.Protocol.Bencode.BencodeWriter.Encode(anonymous.ToBencode()));
        var reply = Assert.Single(await subscriber.RepliesAsync());

        Assert.Equal((MonitorResponseCode.BadArgs, "Invalid arguments: Either p= or P= must be given"), (reply.Code!.Value, reply.Error!));
    }
}
