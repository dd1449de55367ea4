using Wisp.Protocol.Push;
using Wisp.Push.Tests.Support;
using Wisp.Testing;

namespace Wisp.Push.Tests.Delivery;

/// <summary>A stored message becomes one POST at the subscriber's UnifiedPush endpoint, with a payload only its enc_key opens.</summary>
public sealed class UnifiedPushDeliveryTests
{
    [Fact]
    public async Task StoredMessage_IsPostedWithRfc8030Headers_AndDecryptsToItsFields()
    {
        await using var receiver = await PushReceiver.StartAsync();
        await using var server = await TestPushServer.StartAsync();
        using var account = new Subscriber();
        var now = server.Clock.GetUtcNow();
        Assert.True((await server.SendAsync(PushRoutes.Subscribe, account.Subscription(receiver.Endpoint(), now.ToUnixTimeSeconds(), [-10, 0]).ToJson())).Success);
        var data = Wisp.Crypto.RandomBytes.Get(100);

        Assert.Equal(1, server.Arrive(account, "hash-one-xyz", ns: 0, data: data, expiryMs: now.ToUnixTimeMilliseconds() + 3_600_000));
        var push = await receiver.NextAsync();

        Assert.Equal("POST", push.Method);
        Assert.Equal("/push/abc", push.Path);
        Assert.Equal("3600", push.Headers["ttl"]);
        Assert.Equal("high", push.Headers["urgency"]);
        Assert.Equal("application/octet-stream", push.Headers["content-type"]);
        Assert.False(push.Headers.ContainsKey("content-encoding"));
        Assert.Equal(0, (push.Body.Length - NotificationPayload.OverheadBytes) % PushLimits.PaddingBlockBytes);
        Assert.True(NotificationPayload.TryOpen(account.EncKey, push.Body, out var content));
        Assert.Equal(new NotificationContent(account.Pubkey.Hex, "hash-one-xyz", 0, now.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds() + 3_600_000, 100),
            content with { Data = null });
        Assert.Equal(data, content.Data);
        Assert.False(NotificationPayload.TryOpen(Wisp.Crypto.RandomBytes.Get(32), push.Body, out _));
    }

    [Fact]
    public async Task DataOverTheLimit_IsLeftOut_AndFlaggedB()
    {
        await using var receiver = await PushReceiver.StartAsync();
        await using var server = await TestPushServer.StartAsync();
        using var account = new Subscriber();
        await server.SendAsync(PushRoutes.Subscribe, account.Subscription(receiver.Endpoint(), server.Clock.GetUtcNow().ToUnixTimeSeconds()).ToJson());

        server.Arrive(account, "hash-big", data: new byte[PushLimits.MaxNotificationDataBytes + 1]);
        var push = await receiver.NextAsync();

        Assert.True(NotificationPayload.TryOpen(account.EncKey, push.Body, out var content));
        Assert.True(content.TooBig);
        Assert.Equal(PushLimits.MaxNotificationDataBytes + 1, content.DataLength);
        Assert.Null(content.Data);
    }

    [Fact]
    public async Task TheSameMessageFromSeveralSwarmMembers_IsNotifiedOnce()
    {
        await using var receiver = await PushReceiver.StartAsync();
        await using var server = await TestPushServer.StartAsync();
        using var account = new Subscriber();
        await server.SendAsync(PushRoutes.Subscribe, account.Subscription(receiver.Endpoint(), server.Clock.GetUtcNow().ToUnixTimeSeconds()).ToJson());

        Assert.Equal(1, server.Arrive(account, "hash-dup", position: new Wisp.Push.Delivery.StreamPosition([1], "store-a", 5)));
        Assert.Equal(0, server.Arrive(account, "hash-dup", position: new Wisp.Push.Delivery.StreamPosition([2], "store-b", 9)));
        Assert.Equal(1, server.Arrive(account, "hash-next"));

        var firstBody = (await receiver.NextAsync()).Body;
        var secondBody = (await receiver.NextAsync()).Body;
        Assert.True(NotificationPayload.TryOpen(account.EncKey, firstBody, out var first));
        Assert.True(NotificationPayload.TryOpen(account.EncKey, secondBody, out var second));
        Assert.Equal(["hash-dup", "hash-next"], new[] { first.Hash, second.Hash }.Order());
        var position = server.Intake.PositionOf([2]);
        Assert.Equal(("store-b", 9L), (position?.Store, position?.Cursor));
    }

    [Fact]
    public async Task RetriesOn5xx_ThenDeliversWhenTheEndpointRecovers()
    {
        await using var receiver = await PushReceiver.StartAsync();
        await using var server = await TestPushServer.StartAsync(clock: TimeProvider.System);
        using var account = new Subscriber();
        await server.SendAsync(PushRoutes.Subscribe, account.Subscription(receiver.Endpoint(), server.Clock.GetUtcNow().ToUnixTimeSeconds()).ToJson());
        receiver.Answer(503, 500);

        server.Arrive(account, "hash-retry");

        var bodies = new[] { (await receiver.NextAsync()).Body, (await receiver.NextAsync()).Body, (await receiver.NextAsync()).Body };
        Assert.All(bodies, body => Assert.Equal(bodies[0], body));
        await Eventually.TrueAsync(() => Task.FromResult(server.Queue.Count() == 0), "the delivered notification leaves the queue");
        Assert.Empty(server.Queue.DeadLetters());
    }

    [Fact]
    public async Task AfterTheLastAttempt_TheNotificationIsADeadLetter()
    {
        await using var receiver = await PushReceiver.StartAsync();
        await using var server = await TestPushServer.StartAsync(o => o with { MaxAttempts = 3 }, clock: TimeProvider.System);
        using var account = new Subscriber();
        await server.SendAsync(PushRoutes.Subscribe, account.Subscription(receiver.Endpoint(), server.Clock.GetUtcNow().ToUnixTimeSeconds()).ToJson());
        receiver.Answer(503, 503, 503, 503);

        server.Arrive(account, "hash-dead");
        for (var i = 0; i < 3; i++) await receiver.NextAsync();

        await Eventually.TrueAsync(() => Task.FromResult(server.Queue.DeadLetters().Count == 1), "a dead letter is recorded");
        var dead = Assert.Single(server.Queue.DeadLetters());
        Assert.Equal(("hash-dead", 3, "HTTP 503", account.Pubkey.Hex), (dead.Hash, dead.Attempts, dead.LastError, dead.Account));
        Assert.Equal(0, server.Queue.Count());
        Assert.False(receiver.TryTake(out _));
        Assert.Single(server.Subscriptions.LiveFor(account.Pubkey));
    }

    [Theory]
    [InlineData(410)]
    [InlineData(404)]
    public async Task GoneEndpoint_RemovesTheSubscription(int status)
    {
        await using var receiver = await PushReceiver.StartAsync();
        await using var server = await TestPushServer.StartAsync();
        using var account = new Subscriber();
        await server.SendAsync(PushRoutes.Subscribe, account.Subscription(receiver.Endpoint(), server.Clock.GetUtcNow().ToUnixTimeSeconds()).ToJson());
        receiver.Answer(status);

        server.Arrive(account, "hash-gone");
        await receiver.NextAsync();

        await Eventually.TrueAsync(() => Task.FromResult(server.Subscriptions.LiveFor(account.Pubkey).Count == 0), "the subscription is removed");
        Assert.Equal(0, server.Arrive(account, "hash-after"));
        Assert.Empty(server.Queue.DeadLetters());
    }

    [Fact]
    public async Task AMessageInANamespaceNotSubscribed_IsNotNotified()
    {
        await using var server = await TestPushServer.StartAsync();
        using var account = new Subscriber();
        await server.SendAsync(PushRoutes.Subscribe, account.Subscription("http://127.0.0.1:9/x", server.Clock.GetUtcNow().ToUnixTimeSeconds(), [0, 2]).ToJson());

        Assert.Equal(0, server.Arrive(account, "hash-ns", ns: 1));
        Assert.Equal(1, server.Arrive(account, "hash-ns", ns: 2));
    }
}
