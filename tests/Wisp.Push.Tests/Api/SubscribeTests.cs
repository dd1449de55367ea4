using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Push;
using Wisp.Protocol.Storage;
using Wisp.Push.Tests.Support;

namespace Wisp.Push.Tests.Api;

/// <summary><c>POST /subscribe</c> over plain HTTP: SPNS's replies and error codes, word for word.</summary>
public sealed class SubscribeTests
{
    private const string Endpoint = "http://127.0.0.1:9/push/one";

    [Fact]
    public async Task NewSubscription_IsAdded_AndAgain_IsUpdated()
    {
        await using var server = await TestPushServer.StartAsync();
        using var account = new Subscriber();
        var now = server.Clock.GetUtcNow().ToUnixTimeSeconds();

        var (status, body) = await server.PostAsync(PushRoutes.Subscribe, Encoding.UTF8.GetString(account.Subscription(Endpoint, now).ToJson()));
        Assert.Equal(200, status);
        Assert.Equal("""{"added":true,"message":"Subscription successful","success":true}""", body);

        (status, body) = await server.PostAsync(PushRoutes.Subscribe, Encoding.UTF8.GetString(account.Subscription(Endpoint, now + 5, [-400, 0, 2]).ToJson()));
        Assert.Equal("""{"message":"Resubscription successful","success":true,"updated":true}""", body);
        var stored = Assert.Single(server.Subscriptions.LiveFor(account.Pubkey));
        Assert.Equal([(short)-400, 0, 2], stored.Namespaces);
        Assert.Equal(now + 5, stored.SigTs);
    }

    [Fact]
    public async Task AnArrayOfRequests_GetsAnArrayOfReplies_InOrder()
    {
        await using var server = await TestPushServer.StartAsync();
        using var account = new Subscriber();
        var now = server.Clock.GetUtcNow().ToUnixTimeSeconds();
        var good = Encoding.UTF8.GetString(account.Subscription(Endpoint, now).ToJson());

        var (_, body) = await server.PostAsync(PushRoutes.Subscribe, $"[{good}, 5]");

        Assert.Equal("""[{"added":true,"message":"Subscription successful","success":true},"""
            + """{"error":4,"message":"[json.exception.type_error.304] cannot use at() with number"}]""", body);
    }

    [Fact]
    public async Task BadSignature_IsRefused_WithError4()
    {
        await using var server = await TestPushServer.StartAsync();
        using var account = new Subscriber();
        var now = server.Clock.GetUtcNow().ToUnixTimeSeconds();
        // Signed for data=true, sent as data=false: the signed string no longer matches.
        var json = JsonNode.Parse(account.Subscription(Endpoint, now, data: true).ToJson())!;
        json["data"] = false;

        var reply = await server.SendAsync(PushRoutes.Subscribe, Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.Equal(PushReply.Failure(PushErrorCode.Error, "Signature verification failed"), reply);
        Assert.Empty(server.Subscriptions.LiveFor(account.Pubkey));
    }

    [Theory]
    [InlineData("[2, 0]", "Subscription: namespaces are not sorted numerically")]
    [InlineData("[0, 0]", "Subscription: namespaces contains duplicates")]
    [InlineData("[]", "Subscription: namespaces missing or empty")]
    [InlineData("[0, 40000]", "Invalid value: namespaces must be integers from -32768 to 32767")]
    public async Task BadNamespaces_AreRefused(string namespaces, string message)
    {
        await using var server = await TestPushServer.StartAsync();
        using var account = new Subscriber();
        var json = JsonNode.Parse(account.Subscription(Endpoint, server.Clock.GetUtcNow().ToUnixTimeSeconds()).ToJson())!;
        json["namespaces"] = JsonNode.Parse(namespaces);

        var reply = await server.SendAsync(PushRoutes.Subscribe, Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.Equal(PushReply.Failure(PushErrorCode.Error, message), reply);
    }

    [Theory]
    [InlineData(-14 * 86_400, "Subscription: sig_ts timestamp is too old")]
    [InlineData(86_400, "Subscription: sig_ts timestamp is too far in the future")]
    public async Task StaleOrFutureSigTs_IsRefused(long offset, string message)
    {
        await using var server = await TestPushServer.StartAsync();
        using var account = new Subscriber();
        // Correctly signed, but at a time outside the window.
        var request = account.Subscription(Endpoint, server.Clock.GetUtcNow().ToUnixTimeSeconds() + offset);

        var reply = await server.SendAsync(PushRoutes.Subscribe, request.ToJson());

        Assert.Equal(PushReply.Failure(PushErrorCode.Error, message), reply);
    }

    [Fact]
    public async Task UnknownService_IsServiceNotAvailable()
    {
        await using var server = await TestPushServer.StartAsync();
        using var account = new Subscriber();
        var request = account.Subscription(Endpoint, server.Clock.GetUtcNow().ToUnixTimeSeconds(), service: "apns");

        var reply = await server.SendAsync(PushRoutes.Subscribe, request.ToJson());

        Assert.Equal(PushReply.Failure(PushErrorCode.ServiceNotAvailable, "apns notification service not currently available"), reply);
    }

    [Fact]
    public async Task MissingEndpoint_IsBadInput_InTheNotifiersWords()
    {
        await using var server = await TestPushServer.StartAsync();
        using var account = new Subscriber();
        var info = JsonSerializer.SerializeToElement(new { url = Endpoint });
        var request = account.Subscription(Endpoint, server.Clock.GetUtcNow().ToUnixTimeSeconds(), serviceInfo: info);

        var reply = await server.SendAsync(PushRoutes.Subscribe, request.ToJson());

        Assert.Equal(PushReply.Failure(PushErrorCode.BadInput, "Error: missing required key 'endpoint'"), reply);
    }

    [Fact]
    public async Task PrivateEndpoint_IsRefused_WhenTheOperatorDidNotAllowIt()
    {
        await using var server = await TestPushServer.StartAsync(o => o with { AllowPrivateEndpoints = false });
        using var account = new Subscriber();

        var reply = await server.SendAsync(PushRoutes.Subscribe, account.Subscription(Endpoint, server.Clock.GetUtcNow().ToUnixTimeSeconds()).ToJson());

        Assert.Equal(PushReply.Failure(PushErrorCode.Error, "Invalid endpoint: this push server delivers only to public addresses"), reply);
    }

    [Theory]
    [InlineData("signature")]
    [InlineData("sig_ts")]
    [InlineData("enc_key")]
    [InlineData("data")]
    [InlineData("session_ed25519")]
    public async Task MissingField_IsBadInput(string field)
    {
        await using var server = await TestPushServer.StartAsync();
        using var account = new Subscriber();
        var json = JsonNode.Parse(account.Subscription(Endpoint, server.Clock.GetUtcNow().ToUnixTimeSeconds()).ToJson())!.AsObject();
        json.Remove(field);

        var reply = await server.SendAsync(PushRoutes.Subscribe, Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.Equal(PushReply.Failure(PushErrorCode.BadInput, "Missing required parameter"), reply);
    }

    [Fact]
    public async Task AnotherAccountsEd25519Key_IsAMismatch()
    {
        await using var server = await TestPushServer.StartAsync();
        using var account = new Subscriber();
        using var other = new Subscriber();
        var json = JsonNode.Parse(account.Subscription(Endpoint, server.Clock.GetUtcNow().ToUnixTimeSeconds()).ToJson())!;
        json["session_ed25519"] = other.Keys.PublicKey.ToHex();

        var reply = await server.SendAsync(PushRoutes.Subscribe, Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.Equal(PushReply.Failure(PushErrorCode.Error, "account_id/session_ed25519 mismatch: session_ed25519 does not convert to given account_id"), reply);
    }

    [Theory]
    [InlineData("{not json", "Invalid JSON")]
    [InlineData("\"a string\"", "Invalid JSON: expected object or array of objects")]
    public async Task UnparseableBody_IsBadInput(string body, string message)
    {
        await using var server = await TestPushServer.StartAsync();

        var reply = await server.SendAsync(PushRoutes.Subscribe, Encoding.UTF8.GetBytes(body));

        Assert.Equal(PushReply.Failure(PushErrorCode.BadInput, message), reply);
    }

    [Fact]
    public async Task BodyOverTheLimit_IsBadInput_TooLarge()
    {
        await using var server = await TestPushServer.StartAsync();

        var reply = await server.SendAsync(PushRoutes.Subscribe, Encoding.UTF8.GetBytes("[" + new string(' ', PushLimits.MaxRequestBytes) + "]"));

        Assert.Equal(PushReply.Failure(PushErrorCode.BadInput, "Invalid request: request too large"), reply);
    }
    [Theory]
    [InlineData(SubaccountAccess.Read, null)]
    [InlineData(SubaccountAccess.Write, "Invalid subaccount: this subaccount does not have read permission")]
    public async Task SubaccountSignature_NeedsTheReadBit(SubaccountAccess access, string? refusal)
    {
        await using var server = await TestPushServer.StartAsync();
        using var account = new Subscriber();
        using var delegated = Ed25519KeyPair.Generate();
        var now = server.Clock.GetUtcNow().ToUnixTimeSeconds();
        var token = SubaccountToken.Create(StoragePubkey.AccountPrefix, access, delegated.PublicKey.Span);
        var request = account.Subscription(Endpoint, now);
        request = request with
        {
            Auth = request.Auth with
            {
                Subaccount = token,
                SubaccountSig = Ed25519.Sign(account.Keys, token.Bytes),
                Signature = Ed25519.Sign(delegated, PushSigning.Monitor(account.Pubkey, now, true, [0])),
            },
        };

        var reply = await server.SendAsync(PushRoutes.Subscribe, request.ToJson());

        Assert.Equal(refusal is null ? PushReply.Subscribed(added: true) : PushReply.Failure(PushErrorCode.Error, refusal), reply);
    }
}
