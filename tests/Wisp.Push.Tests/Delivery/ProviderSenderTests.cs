using System.Text.Json;
using Wisp.Protocol.Push;
using Wisp.Push.Tests.Support;
using Wisp.Testing;

namespace Wisp.Push.Tests.Delivery;

/// <summary>The APNs and Firebase senders produce SPNS's request formats, checked against local stand-ins (never the vendors).</summary>
public sealed class ProviderSenderTests
{
    private static readonly string DeviceToken = new('a', 64);

    [Fact]
    public async Task Apns_PostsSpnsAlertBody_ToTheDevicePath()
    {
        await using var apple = await PushReceiver.StartAsync();
        await using var server = await TestPushServer.StartAsync(o => o with { Apns = new ProviderOptions(apple.Url, "org.example.session", "jwt-token") });
        using var account = new Subscriber();
        var info = JsonSerializer.SerializeToElement(new { token = DeviceToken });
        Assert.True((await server.SendAsync(PushRoutes.Subscribe,
            account.Subscription("", server.Clock.GetUtcNow().ToUnixTimeSeconds(), service: PushRoutes.Apns, serviceInfo: info).ToJson())).Success);

        server.Arrive(account, "hash-apns", data: [1, 2, 3]);
        var push = await apple.NextAsync();

        Assert.Equal("/3/device/" + DeviceToken, push.Path);
        Assert.Equal(("alert", "10", "org.example.session", "bearer jwt-token"),
            (push.Headers["apns-push-type"], push.Headers["apns-priority"], push.Headers["apns-topic"], push.Headers["authorization"]));
        using var body = JsonDocument.Parse(push.Body);
        Assert.Equal(1, body.RootElement.GetProperty("spns").GetInt32());
        Assert.Equal("""{"alert":{"title":"Session","body":"You\u0027ve got a new message"},"badge":1,"sound":"default","mutable-content":1,"category":"SECRET"}""",
            body.RootElement.GetProperty("aps").GetRawText());
        Assert.True(NotificationPayload.TryOpen(account.EncKey, Convert.FromBase64String(body.RootElement.GetProperty("enc_payload").GetString()!), out var content));
        Assert.Equal("hash-apns", content.Hash);
        Assert.Equal([1, 2, 3], content.Data);
    }

    [Fact]
    public async Task Apns_RefusesATokenOfTheWrongLength_InSpnsWords()
    {
        await using var server = await TestPushServer.StartAsync(o => o with { Apns = new ProviderOptions("http://127.0.0.1:9", "t", null) });
        using var account = new Subscriber();
        var info = JsonSerializer.SerializeToElement(new { token = "abc" });

        var reply = await server.SendAsync(PushRoutes.Subscribe,
            account.Subscription("", server.Clock.GetUtcNow().ToUnixTimeSeconds(), service: PushRoutes.Apns, serviceInfo: info).ToJson());

        Assert.Equal(PushReply.Failure(PushErrorCode.Error, "Invalid token: expected length-64 device token, not 3"), reply);
    }

    [Fact]
    public async Task Firebase_PostsAnFcmV1MessageWithSpnsData()
    {
        await using var google = await PushReceiver.StartAsync();
        await using var server = await TestPushServer.StartAsync(o => o with { Firebase = new ProviderOptions(google.Url, "loki-5a81e", "oauth-token") });
        using var account = new Subscriber();
        var token = "fcm-device-token-" + new string('x', 40);
        var info = JsonSerializer.SerializeToElement(new { token });
        Assert.True((await server.SendAsync(PushRoutes.Subscribe,
            account.Subscription("", server.Clock.GetUtcNow().ToUnixTimeSeconds(), service: PushRoutes.Firebase, serviceInfo: info).ToJson())).Success);

        server.Arrive(account, "hash-fcm");
        var push = await google.NextAsync();

        Assert.Equal("/v1/projects/loki-5a81e/messages:send", push.Path);
        Assert.Equal("Bearer oauth-token", push.Headers["authorization"]);
        using var body = JsonDocument.Parse(push.Body);
        var message = body.RootElement.GetProperty("message");
        Assert.Equal(token, message.GetProperty("token").GetString());
        Assert.Equal("high", message.GetProperty("android").GetProperty("priority").GetString());
        Assert.Equal("1", message.GetProperty("data").GetProperty("spns").GetString());
        Assert.True(NotificationPayload.TryOpen(account.EncKey, Convert.FromBase64String(message.GetProperty("data").GetProperty("enc_payload").GetString()!), out var content));
        Assert.Equal("hash-fcm", content.Hash);
    }

    [Fact]
    public async Task Firebase_Unregistered404_RemovesTheSubscription()
    {
        await using var google = await PushReceiver.StartAsync();
        await using var server = await TestPushServer.StartAsync(o => o with { Firebase = new ProviderOptions(google.Url, "p", null) });
        using var account = new Subscriber();
        var info = JsonSerializer.SerializeToElement(new { token = new string('t', 40) });
        await server.SendAsync(PushRoutes.Subscribe,
            account.Subscription("", server.Clock.GetUtcNow().ToUnixTimeSeconds(), service: PushRoutes.Firebase, serviceInfo: info).ToJson());
        google.Answer(404);

        server.Arrive(account, "hash-unregistered");
        await google.NextAsync();

        await Eventually.TrueAsync(() => Task.FromResult(server.Subscriptions.Count() == 0), "the unregistered device's subscription is removed");
    }
}
