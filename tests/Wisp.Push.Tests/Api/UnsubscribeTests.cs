using Wisp.Protocol.Push;
using Wisp.Push.Tests.Support;

namespace Wisp.Push.Tests.Api;

/// <summary><c>POST /unsubscribe</c>: SPNS's replies, its ±24 h window and signature check.</summary>
public sealed class UnsubscribeTests
{
    private const string Endpoint = "http://127.0.0.1:9/push/one";

    [Fact]
    public async Task Unsubscribe_RemovesTheSubscription_ThenFindsNothing()
    {
        await using var server = await TestPushServer.StartAsync();
        using var account = new Subscriber();
        var now = server.Clock.GetUtcNow().ToUnixTimeSeconds();
        Assert.True((await server.SendAsync(PushRoutes.Subscribe, account.Subscription(Endpoint, now).ToJson())).Success);

        var (_, body) = await server.PostAsync(PushRoutes.Unsubscribe, System.Text.Encoding.UTF8.GetString(account.Unsubscription(Endpoint, now).ToJson()));
        Assert.Equal("""{"message":"Device unsubscribed from push notifications","removed":true,"success":true}""", body);
        Assert.Empty(server.Subscriptions.LiveFor(account.Pubkey));

        (_, body) = await server.PostAsync(PushRoutes.Unsubscribe, System.Text.Encoding.UTF8.GetString(account.Unsubscription(Endpoint, now).ToJson()));
        Assert.Equal("""{"message":"Device was not subscribed to push notifications","removed":false,"success":true}""", body);
    }

    [Fact]
    public async Task AnotherAccountsSignature_IsRefused_AndNothingIsRemoved()
    {
        await using var server = await TestPushServer.StartAsync();
        using var account = new Subscriber();
        using var stranger = new Subscriber();
        var now = server.Clock.GetUtcNow().ToUnixTimeSeconds();
        await server.SendAsync(PushRoutes.Subscribe, account.Subscription(Endpoint, now).ToJson());
        var forged = account.Unsubscription(Endpoint, now);
        forged = forged with { Auth = forged.Auth with { Signature = Wisp.Crypto.Signing.Ed25519.Sign(stranger.Keys, PushSigning.Unsubscribe(account.Pubkey, now)) } };

        var reply = await server.SendAsync(PushRoutes.Unsubscribe, forged.ToJson());

        Assert.Equal(PushReply.Failure(PushErrorCode.Error, "Signature verification failed"), reply);
        Assert.Single(server.Subscriptions.LiveFor(account.Pubkey));
    }

    [Fact]
    public async Task StaleSigTs_GetsSpnsGenericError()
    {
        await using var server = await TestPushServer.StartAsync();
        using var account = new Subscriber();
        var now = server.Clock.GetUtcNow().ToUnixTimeSeconds();
        await server.SendAsync(PushRoutes.Subscribe, account.Subscription(Endpoint, now).ToJson());

        var reply = await server.SendAsync(PushRoutes.Unsubscribe, account.Unsubscription(Endpoint, now - 86_401).ToJson());

        Assert.Equal(PushReply.Failure(PushErrorCode.Error, "An error occured while processing your request"), reply);
        Assert.Single(server.Subscriptions.LiveFor(account.Pubkey));
    }
}
