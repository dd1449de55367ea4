using System.Text;
using System.Text.Json;
using Wisp.Community.Tests.Support;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Protocol.Onion;

namespace Wisp.Community.Tests.Onion;

/// <summary>
/// The deprecated <c>POST /oxen/v3/lsrpc</c> and <c>/loki/v3/lsrpc</c>, as pysogs's <c>test_onion_requests.py</c>
/// expects: a 2xx answer's body, otherwise <c>{"status_code":N}</c>, encrypted and base64-encoded.
/// </summary>
public sealed class OnionV3EndpointTests
{
    private static async Task<(int Status, string? Reply)> SendAsync(TestCommunityServer server, string path, string plaintext)
    {
        using var ephemeral = X25519KeyPair.Generate();
        Assert.True(HopKey.TryForClient(ephemeral, server.Server.PublicKey, OnionEncryptionType.AesGcm, out var key));
        using (key)
        {
            var instruction = new RelayToServerInstruction("127.0.0.1", path, (ushort)server.Server.Port, "http", "POST",
                ephemeral.PublicKey, OnionEncryptionType.AesGcm);
            var layer = OnionFrame.Build(key.Encrypt(Encoding.UTF8.GetBytes(plaintext)), instruction.ToJson());
            using var response = await server.Http.PostAsync(path, new ByteArrayContent(layer), TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if ((int)response.StatusCode != 200)
                return ((int)response.StatusCode, null);
            Assert.True(key.TryDecrypt(Convert.FromBase64String(text), out var answer));
            return (200, Encoding.UTF8.GetString(answer));
        }
    }

    [Theory]
    [InlineData("/oxen/v3/lsrpc")]
    [InlineData("/loki/v3/lsrpc")]
    public async Task A_request_through_either_v3_path_gets_the_body_of_a_successful_answer(string path)
    {
        await using var server = await TestCommunityServer.StartAsync();

        var (status, reply) = await SendAsync(server, path, """{"method":"GET","endpoint":"/capabilities","body":"null"}""");

        Assert.Equal(200, status);
        Assert.Equal("""{"capabilities":["blind","reactions","sogs"]}""", reply);
    }

    [Fact]
    public async Task A_signed_post_goes_through_with_its_body_as_a_string()
    {
        await using var server = await TestCommunityServer.StartAsync();
        await server.AddRoomAsync("lobby");
        using var user = new TestUser();
        var body = Steps.PostBody(server, user, Steps.Padded("via v3"));
        var headers = user.Sign(server.Server.PublicKey, "POST", "/room/lobby/message", Encoding.UTF8.GetBytes(body), server.Clock.GetUtcNow().ToUnixTimeSeconds())
            .ToDictionary(h => h.Name, h => h.Value);
        var request = JsonSerializer.Serialize(new Dictionary<string, object> { ["method"] = "POST", ["endpoint"] = "/room/lobby/message", ["headers"] = headers, ["body"] = body });

        var (_, reply) = await SendAsync(server, "/oxen/v3/lsrpc", request);

        Assert.Equal(user.SessionId(server.Server.PublicKey), JsonDocument.Parse(reply!).RootElement.GetProperty("session_id").GetString());
    }

    [Fact]
    public async Task Failures_are_only_their_status_code()
    {
        await using var server = await TestCommunityServer.StartAsync();

        var missing = await SendAsync(server, "/oxen/v3/lsrpc", """{"method":"GET","endpoint":"/room/nowhere"}""");
        var unsigned = await SendAsync(server, "/oxen/v3/lsrpc", """{"method":"GET","endpoint":"/inbox"}""");
        var legacy = await SendAsync(server, "/oxen/v3/lsrpc", """{"method":"GET","endpoint":"rooms"}""");
        var bodyOnGet = await SendAsync(server, "/oxen/v3/lsrpc", """{"method":"GET","endpoint":"/capabilities","body":"x"}""");
        var notJson = await SendAsync(server, "/oxen/v3/lsrpc", "l12:{\"a\":\"b\"}e");
        var noMethod = await SendAsync(server, "/oxen/v3/lsrpc", """{"endpoint":"/capabilities"}""");

        Assert.Equal("""{"status_code":404}""", missing.Reply);
        Assert.Equal("""{"status_code":401}""", unsigned.Reply);
        Assert.Equal("""{"status_code":404}""", legacy.Reply);
        Assert.All(new[] { bodyOnGet, notJson, noMethod }, answer => Assert.Equal((200, """{"status_code":400}"""), answer));
    }

    [Fact]
    public async Task A_layer_not_for_this_server_is_a_plain_400()
    {
        await using var server = await TestCommunityServer.StartAsync();

        using var response = await server.Http.PostAsync("/loki/v3/lsrpc", new ByteArrayContent([1, 2, 3]), TestContext.Current.CancellationToken);

        Assert.Equal(400, (int)response.StatusCode);
    }
}
