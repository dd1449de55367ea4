using System.Text;
using System.Text.Json;
using Wisp.Community.Tests.Support;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Onion;

namespace Wisp.Community.Tests.Onion;

/// <summary><c>POST /oxen/v4/lsrpc</c>: the same routes through an onion layer, and pysogs's refusals.</summary>
public sealed class OnionEndpointTests
{
    private static Task<(int Status, OnionV4Response? Reply)> SendAsync(TestCommunityServer server, OnionV4Request request) =>
        SendAsync(server, OnionV4Codec.EncodeRequest(request));

    private static async Task<(int Status, OnionV4Response? Reply)> SendAsync(TestCommunityServer server, byte[] plaintext)
    {
        using var ephemeral = X25519KeyPair.Generate();
        Assert.True(HopKey.TryForClient(ephemeral, server.Server.PublicKey, OnionEncryptionType.XChaCha20, out var key));
        using (key)
        {
            var instruction = new RelayToServerInstruction("127.0.0.1", "/oxen/v4/lsrpc", (ushort)server.Server.Port, "http", "POST",
                ephemeral.PublicKey, OnionEncryptionType.XChaCha20);
            var layer = OnionFrame.Build(key.Encrypt(plaintext), instruction.ToJson());
            using var response = await server.Http.PostAsync("/oxen/v4/lsrpc", new ByteArrayContent(layer), TestContext.Current.CancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
            if ((int)response.StatusCode != 200)
                return ((int)response.StatusCode, null);
            Assert.True(key.TryDecrypt(bytes, out var answer));
            var decoded = OnionV4Codec.DecodeResponse(answer);
            Assert.True(decoded.Ok, decoded.Detail);
            return (200, decoded.Value);
        }
    }

    [Fact]
    public async Task A_signed_post_through_the_onion_endpoint_is_answered_as_over_http()
    {
        await using var server = await TestCommunityServer.StartAsync();
        await server.AddRoomAsync("lobby");
        using var user = new TestUser();
        var body = Encoding.UTF8.GetBytes(Steps.PostBody(server, user, Steps.Padded("via onion")));
        var headers = user.Sign(server.Server.PublicKey, "POST", "/room/lobby/message", body, server.Clock.GetUtcNow().ToUnixTimeSeconds())
            .ToDictionary(h => h.Name, h => h.Value);
        headers["Content-Type"] = "application/json";

        var (status, reply) = await SendAsync(server, new OnionV4Request("POST", "/room/lobby/message", headers, body));

        Assert.Equal(200, status);
        Assert.Equal(201, reply!.Code);
        Assert.Equal("application/json", reply.Headers["content-type"]);
        var posted = JsonDocument.Parse(reply.Body).RootElement;
        Assert.Equal(user.SessionId(server.Server.PublicKey), posted.GetProperty("session_id").GetString());
    }

    [Fact]
    public async Task Refusals_inside_the_onion_come_back_encrypted_with_their_status()
    {
        await using var server = await TestCommunityServer.StartAsync();

        // Wisp's encoder refuses such an endpoint, so this one is written by hand.
        var (_, relative) = await SendAsync(server, Encoding.UTF8.GetBytes("""l42:{"method":"GET","endpoint":"capabilities"}e"""));
        var (_, nested) = await SendAsync(server, new OnionV4Request("POST", "/oxen/v4/lsrpc", new Dictionary<string, string>(), new byte[] { 1 }));
        var (_, unauthorised) = await SendAsync(server, new OnionV4Request("GET", "/capabilities",
            new Dictionary<string, string> { ["X-SOGS-Pubkey"] = "15" + new string('1', 64) }, null));

        Assert.Equal((400, "Invalid v4 onion request"), (relative!.Code, Encoding.UTF8.GetString(relative.Body.Span)));
        Assert.Equal(404, nested!.Code);
        Assert.Equal((400, "Invalid authentication headers: missing 3/4 required X-SOGS-* headers"), (unauthorised!.Code, Encoding.UTF8.GetString(unauthorised.Body.Span)));
    }

    [Fact]
    public async Task A_layer_not_for_this_server_is_a_plain_400()
    {
        await using var server = await TestCommunityServer.StartAsync();

        using var response = await server.Http.PostAsync("/oxen/v4/lsrpc", new ByteArrayContent([1, 2, 3]), TestContext.Current.CancellationToken);

        Assert.Equal(400, (int)response.StatusCode);
    }
}
