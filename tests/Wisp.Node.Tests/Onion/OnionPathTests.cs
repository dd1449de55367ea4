using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Node.Tests.Onion.Support;
using Wisp.Node.Tests.Rpc.Support;
using Wisp.Testing;
using Wisp.Protocol.Onion;

namespace Wisp.Node.Tests.Onion;

/// <summary>Storage requests through a full path: guard → hop → hop → destination, four real nodes over HTTPS.</summary>
public sealed class OnionPathTests(OnionNetworkFixture fixture) : IClassFixture<OnionNetworkFixture>
{
    private readonly OnionNetwork _network = fixture.Network;

    public static TheoryData<OnionEncryptionType[]> Encryptions => new()
    {
        new[] { OnionEncryptionType.XChaCha20 },
        new[] { OnionEncryptionType.AesGcm },
        new[] { OnionEncryptionType.AesGcm, OnionEncryptionType.XChaCha20, OnionEncryptionType.XChaCha20, OnionEncryptionType.AesGcm },
    };

    [Theory]
    [MemberData(nameof(Encryptions))]
    public async Task Store_then_retrieve_through_four_nodes(OnionEncryptionType[] encryptions)
    {
        using var account = Ed25519KeyPair.Generate();
        var data = Encoding.UTF8.GetBytes("through the onion " + Guid.NewGuid());
        var now = Messages.NowMs();

        var stored = await CallAsync([0, 1, 2, 3], "store", SignedRequests.Store(account, 0, data, now, 60_000, signed: false), encryptions);
        Assert.Equal(200, stored.GetProperty("status").GetInt32());
        var storeBody = JsonDocument.Parse(stored.GetProperty("body").GetString()!).RootElement;
        var hash = storeBody.GetProperty("hash").GetString();
        Assert.NotNull(hash);

        var retrieved = await CallAsync([2, 0, 1, 3], "retrieve", SignedRequests.Retrieve(account, 0, Messages.NowMs()), encryptions);
        Assert.Equal(200, retrieved.GetProperty("status").GetInt32());
        var messages = JsonDocument.Parse(retrieved.GetProperty("body").GetString()!).RootElement.GetProperty("messages");
        var message = Assert.Single(messages.EnumerateArray());
        Assert.Equal(hash, message.GetProperty("hash").GetString());
        Assert.Equal(data, Convert.FromBase64String(message.GetProperty("data").GetString()!));
        // Stored on the destination (node 3) only: the guard never ran the request.
        using var direct = await _network.Nodes[0].PostRpcAsync("retrieve", SignedRequests.Retrieve(account, 0, Messages.NowMs()).ToJsonString(), TestContext.Current.CancellationToken);
        var atGuard = JsonDocument.Parse(await direct.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Empty(atGuard.GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task Json_true_embeds_the_body_and_base64_false_sends_raw_bytes()
    {
        var rpc = Encoding.UTF8.GetBytes("""{"method":"info","params":{}}""");
        using var request = OnionRequestBuilder.Build(
            _network.Path(0, 1, 2, 3), OnionRequestBuilder.ForDestination(rpc, new DestinationInstruction(Base64: false, Json: true)),
            [OnionEncryptionType.XChaCha20]);

        using var response = await _network.PostAsync(0, request.Body);
        Assert.Equal(200, (int)response.StatusCode);
        var raw = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.True(request.LastKey.TryDecrypt(raw, out var plaintext));
        var reply = JsonDocument.Parse(plaintext).RootElement;
        Assert.Equal(200, reply.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Object, reply.GetProperty("body").ValueKind);
        Assert.True(reply.GetProperty("body").TryGetProperty("t", out _));
    }

    [Fact]
    public async Task A_one_node_path_reaches_the_guard_as_destination()
    {
        var rpc = Encoding.UTF8.GetBytes("""{"method":"info","params":{}}""");
        using var request = OnionRequestBuilder.Build(_network.Path(2), OnionRequestBuilder.ForDestination(rpc), [OnionEncryptionType.AesGcm]);

        var (status, body) = await _network.SendAsync(2, request.Body);

        Assert.Equal(200, status);
        var reply = JsonDocument.Parse(OnionRequestBuilder.OpenBase64(request.LastKey, body)).RootElement;
        Assert.Equal(200, reply.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.String, reply.GetProperty("body").ValueKind);
    }

    [Fact]
    public async Task An_rpc_error_comes_back_encrypted_with_its_status()
    {
        var rpc = Encoding.UTF8.GetBytes("""{"method":"no_such_method","params":{}}""");
        using var request = OnionRequestBuilder.Build(_network.Path(0, 1, 2, 3), OnionRequestBuilder.ForDestination(rpc), [OnionEncryptionType.XChaCha20]);

        var (status, body) = await _network.SendAsync(0, request.Body);

        Assert.Equal(200, status);
        var reply = JsonDocument.Parse(OnionRequestBuilder.OpenBase64(request.LastKey, body)).RootElement;
        Assert.Equal(400, reply.GetProperty("status").GetInt32());
    }

    private async Task<JsonElement> CallAsync(int[] path, string method, JsonObject parameters, OnionEncryptionType[] encryptions)
    {
        var rpc = Encoding.UTF8.GetBytes(new JsonObject { ["method"] = method, ["params"] = parameters }.ToJsonString());
        using var request = OnionRequestBuilder.Build(_network.Path(path), OnionRequestBuilder.ForDestination(rpc), encryptions);
        var (status, body) = await _network.SendAsync(path[0], request.Body);
        Assert.Equal(200, status);
        return JsonDocument.Parse(OnionRequestBuilder.OpenBase64(request.LastKey, body)).RootElement.Clone();
    }
}
