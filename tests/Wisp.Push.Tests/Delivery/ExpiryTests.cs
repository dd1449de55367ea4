using Wisp.Protocol.Push;
using Wisp.Push.Tests.Support;

namespace Wisp.Push.Tests.Delivery;

/// <summary>A subscription lives 14 days from its sig_ts; re-subscribing with a fresh signature extends it.</summary>
public sealed class ExpiryTests
{
    private const string Endpoint = "http://127.0.0.1:9/push/one";

    [Fact]
    public async Task After14Days_ASubscriptionGetsNothing_AndTheSweepDeletesIt()
    {
        await using var server = await TestPushServer.StartAsync();
        using var account = new Subscriber();
        await server.SendAsync(PushRoutes.Subscribe, account.Subscription(Endpoint, server.Clock.GetUtcNow().ToUnixTimeSeconds()).ToJson());

        server.ManualClock.Advance(TimeSpan.FromDays(14) - TimeSpan.FromSeconds(2));
        Assert.Equal(1, server.Arrive(account, "hash-day-13"));
        server.ManualClock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(0, server.Arrive(account, "hash-day-14"));
        Assert.Equal(1, server.Server.Sweep());
        Assert.Equal(0, server.Subscriptions.Count());
    }

    [Fact]
    public async Task ResubscribingWithAFreshSignature_ExtendsTheLife()
    {
        await using var server = await TestPushServer.StartAsync();
        using var account = new Subscriber();
        await server.SendAsync(PushRoutes.Subscribe, account.Subscription(Endpoint, server.Clock.GetUtcNow().ToUnixTimeSeconds()).ToJson());
        server.ManualClock.Advance(TimeSpan.FromDays(10));
        var renewed = await server.SendAsync(PushRoutes.Subscribe, account.Subscription(Endpoint, server.Clock.GetUtcNow().ToUnixTimeSeconds()).ToJson());
        Assert.Equal(true, renewed.Updated);

        server.ManualClock.Advance(TimeSpan.FromDays(10));

        Assert.Equal(0, server.Server.Sweep());
        Assert.Equal(1, server.Arrive(account, "hash-day-20"));
    }
}
