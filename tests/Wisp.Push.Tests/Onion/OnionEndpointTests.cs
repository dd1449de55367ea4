using System.Net.Http.Headers;
using System.Text;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Push;
using Wisp.Push.Tests.Support;

namespace Wisp.Push.Tests.Onion;

/// <summary>The push server's v4 onion endpoint: a subscription arrives as the last node relays it and is answered inside the onion.</summary>
public sealed class OnionEndpointTests
{
    [Fact]
    public async Task SubscribeThroughTheOnionEndpoint_IsAnsweredInsideIt()
    {
        await using var server = await TestPushServer.StartAsync();
        using var account = new Subscriber();
        var request = account.Subscription("http://127.0.0.1:9/push/x", server.Clock.GetUtcNow().ToUnixTimeSeconds());
        var (body, key) = OnionToServer.Layer(server.Server.PublicKey, new OnionV4Request(
            "POST", PushRoutes.Subscribe, new Dictionary<string, string> { ["Content-Type"] = "application/json" }, request.ToJson()));
        using (key)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await server.Http.PostAsync(PushRoutes.OnionV4, content, TestContext.Current.CancellationToken);
            Assert.Equal(200, (int)response.StatusCode);

            var answer = OnionToServer.Open(key, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

            Assert.Equal(200, answer.Code);
            Assert.Equal("""{"added":true,"message":"Subscription successful","success":true}""", Encoding.UTF8.GetString(answer.Body.Span));
            Assert.Single(server.Subscriptions.LiveFor(account.Pubkey));
        }
    }

    [Fact]
    public async Task ALayerForAnotherKey_GetsAPlain400()
    {
        await using var server = await TestPushServer.StartAsync();
        using var other = Wisp.Crypto.Keys.X25519KeyPair.Generate();
        var (body, key) = OnionToServer.Layer(other.PublicKey, new OnionV4Request("POST", PushRoutes.Subscribe, new Dictionary<string, string>(), "{}"u8.ToArray()));
        key.Dispose();

        using var response = await server.Http.PostAsync(PushRoutes.OnionV4, new ByteArrayContent(body), TestContext.Current.CancellationToken);

        Assert.Equal(400, (int)response.StatusCode);
    }
}
