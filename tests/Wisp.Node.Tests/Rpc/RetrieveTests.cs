using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Node.Tests.Rpc.Support;
using Wisp.Testing;
using static Wisp.Testing.SignedRequests;

namespace Wisp.Node.Tests.Rpc;

public sealed class RetrieveTests : IAsyncLifetime
{
    private const long Minute = 60_000;
    private RpcTestNode _node = null!;
    private readonly Ed25519KeyPair _account = Ed25519KeyPair.Generate();
    private readonly List<string> _hashes = [];

    public async ValueTask InitializeAsync()
    {
        _node = await RpcTestNode.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            var reply = await _node.CallAsync("store", Store(_account, 0, [(byte)i, 1, 2, 3], _node.Now + i, Minute, signed: false));
            _hashes.Add(reply.Body.GetProperty("hash").GetString()!);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _account.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Returns_messages_in_order_with_expiration()
    {
        var reply = await _node.CallAsync("retrieve", Retrieve(_account, 0, _node.Now));

        Assert.Equal(200, reply.Status);
        var messages = reply.Body.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(_hashes, messages.Select(m => m.GetProperty("hash").GetString()));
        Assert.Equal(_node.Now + 2, messages[2].GetProperty("timestamp").GetInt64());
        Assert.Equal(_node.Now + 2 + Minute, messages[2].GetProperty("expiration").GetInt64());
        Assert.False(messages[2].TryGetProperty("expiry", out _));
        Assert.Equal(new byte[] { 2, 1, 2, 3 }, Convert.FromBase64String(messages[2].GetProperty("data").GetString()!));
        Assert.False(reply.Body.GetProperty("more").GetBoolean());
        Assert.Equal(_node.Now, reply.Body.GetProperty("t").GetInt64());
        Assert.Equal("[19,4]", reply.Body.GetProperty("hf").GetRawText());
        Assert.Equal(["hf", "messages", "more", "t"], reply.Body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task The_size_budget_counts_overhead_hash_and_base64_and_always_returns_one()
    {
        // Each 4-byte message counts 100 + 43 + 4*4/3 = 148 bytes.
        var parameters = Retrieve(_account, 0, _node.Now);
        parameters["max_size"] = 296;
        var two = await _node.CallAsync("retrieve", parameters);
        Assert.Equal((2, true), (two.Body.GetProperty("messages").GetArrayLength(), two.Body.GetProperty("more").GetBoolean()));

        parameters["max_size"] = 1;
        var one = await _node.CallAsync("retrieve", parameters);
        Assert.Equal((1, true), (one.Body.GetProperty("messages").GetArrayLength(), one.Body.GetProperty("more").GetBoolean()));
    }

    [Fact]
    public async Task A_negative_max_count_sets_no_count_limit()
    {
        var parameters = Retrieve(_account, 0, _node.Now);
        parameters["max_count"] = -3;
        var reply = await _node.CallAsync("retrieve", parameters);
        Assert.Equal((5, false), (reply.Body.GetProperty("messages").GetArrayLength(), reply.Body.GetProperty("more").GetBoolean()));
    }

    [Fact]
    public async Task Last_hash_and_max_count_page_through()
    {
        var first = Retrieve(_account, 0, _node.Now);
        first["max_count"] = 2;
        var page1 = await _node.CallAsync("retrieve", first);
        Assert.Equal(_hashes[..2], page1.Body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("hash").GetString()));
        Assert.True(page1.Body.GetProperty("more").GetBoolean());

        var page2 = await _node.CallAsync("retrieve", Retrieve(_account, 0, _node.Now, lastHash: _hashes[1]));
        Assert.Equal(_hashes[2..], page2.Body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("hash").GetString()));
    }

    [Fact]
    public async Task Without_a_signature_namespace_zero_is_401()
    {
        var reply = await _node.CallAsync("retrieve", new JsonObject { ["pubkey"] = _account.AccountId.Hex });
        reply.AssertText(401, "retrieve: request signature required");
    }

    [Fact]
    public async Task A_signature_part_without_the_signature_is_400()
    {
        var reply = await _node.CallAsync("retrieve", new JsonObject { ["pubkey"] = _account.AccountId.Hex, ["timestamp"] = _node.Now });
        reply.AssertText(400, "invalid request: Required field 'signature' missing");
    }

    [Fact]
    public async Task Another_accounts_signature_is_401()
    {
        using var stranger = Ed25519KeyPair.Generate();
        var parameters = Retrieve(stranger, 0, _node.Now);
        parameters["pubkey"] = _account.AccountId.Hex;
        var reply = await _node.CallAsync("retrieve", parameters);
        reply.AssertText(401, "retrieve signature verification failed");
    }

    [Fact]
    public async Task A_signature_for_another_namespace_is_401()
    {
        var parameters = Retrieve(_account, 0, _node.Now);
        parameters["namespace"] = 5;
        Assert.Equal(401, (await _node.CallAsync("retrieve", parameters)).Status);
    }

    [Theory]
    [InlineData(60_000, 200)]
    [InlineData(-60_000, 200)]
    [InlineData(60_001, 406)]
    [InlineData(-3_600_000, 406)]
    public async Task Timestamps_must_be_within_a_minute_of_the_node(long skew, int status)
    {
        var reply = await _node.CallAsync("retrieve", Retrieve(_account, 0, _node.Now + skew));
        Assert.Equal(status, reply.Status);
        if (status == 406)
            reply.AssertText(406, "retrieve timestamp too far from current time");
    }

    [Fact]
    public async Task A_client_an_hour_off_recovers_with_the_time_from_info()
    {
        var skewed = await _node.CallAsync("retrieve", Retrieve(_account, 0, _node.Now - 3_600_000));
        Assert.Equal(406, skewed.Status);
        var serverTime = (await _node.CallAsync("info", [])).Body.GetProperty("t").GetInt64();
        Assert.Equal(200, (await _node.CallAsync("retrieve", Retrieve(_account, 0, serverTime))).Status);
    }

    [Fact]
    public async Task Expired_messages_are_not_returned()
    {
        _node.Clock.NowMs += Minute + 1;
        var reply = await _node.CallAsync("retrieve", Retrieve(_account, 0, _node.Now));
        Assert.Equal(_hashes[2..], reply.Body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("hash").GetString()));
    }
}
