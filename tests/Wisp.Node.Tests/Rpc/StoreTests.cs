using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Node.Tests.Rpc.Support;
using Wisp.Testing;
using Wisp.Protocol.Storage;
using static Wisp.Testing.SignedRequests;

namespace Wisp.Node.Tests.Rpc;

public sealed class StoreTests : IAsyncLifetime
{
    private const long Minute = 60_000;
    private RpcTestNode _node = null!;
    private readonly Ed25519KeyPair _account = Ed25519KeyPair.Generate();

    public async ValueTask InitializeAsync() => _node = await RpcTestNode.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _account.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Public_inbox_store_needs_no_signature_and_returns_a_signed_hash()
    {
        var reply = await _node.CallAsync("store", Store(_account, 0, "hello"u8.ToArray(), _node.Now, Minute, signed: false));

        Assert.Equal(200, reply.Status);
        var mine = reply.Mine(_node.NodeKeyHex);
        var hash = mine.GetProperty("hash").GetString()!;
        Assert.Equal(MessageHash.Compute(Pubkey(), 0, "hello"u8), hash);
        Assert.Equal(hash, reply.Body.GetProperty("hash").GetString());
        Assert.True(Ed25519.Verify(_node.Identity.Keys.PublicKey, NodeSignatureStrings.Store(hash),
            Convert.FromBase64String(mine.GetProperty("signature").GetString()!)));
        Assert.Equal(_node.Now + Minute, mine.GetProperty("expiry").GetInt64());
        Assert.False(mine.TryGetProperty("already", out _));
        Assert.Equal(_node.Now, reply.Body.GetProperty("t").GetInt64());
        Assert.Equal(_node.Now, mine.GetProperty("t").GetInt64());
        Assert.Equal("[19,4]", reply.Body.GetProperty("hf").GetRawText());
        Assert.DoesNotContain("\\u002B", reply.Text);
    }

    [Fact]
    public async Task Storing_the_same_message_again_extends_its_expiry_and_says_already()
    {
        await _node.CallAsync("store", Store(_account, 0, "dup"u8.ToArray(), _node.Now, Minute, signed: false));
        var again = await _node.CallAsync("store", Store(_account, 0, "dup"u8.ToArray(), _node.Now, 5 * Minute, signed: false));

        var mine = again.Mine(_node.NodeKeyHex);
        Assert.True(mine.GetProperty("already").GetBoolean());
        Assert.Equal(_node.Now + 5 * Minute, mine.GetProperty("expiry").GetInt64());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    [InlineData(-42)]
    public async Task Private_namespaces_accept_the_owners_signature(int ns)
    {
        var reply = await _node.CallAsync("store", Store(_account, ns, "cfg"u8.ToArray(), _node.Now, Minute, signed: true));
        Assert.Equal(200, reply.Status);
        Assert.Equal(MessageHash.Compute(Pubkey(), ns, "cfg"u8), reply.Mine(_node.NodeKeyHex).GetProperty("hash").GetString());
    }

    [Fact]
    public async Task Private_namespace_without_signature_is_401()
    {
        var reply = await _node.CallAsync("store", Store(_account, 3, "x"u8.ToArray(), _node.Now, Minute, signed: false));
        reply.AssertText(401, "store: signature required to store to namespace 3");
    }

    [Fact]
    public async Task A_signature_by_another_key_is_401()
    {
        using var stranger = Ed25519KeyPair.Generate();
        var parameters = Store(_account, 3, "x"u8.ToArray(), _node.Now, Minute, signed: true);
        parameters["signature"] = Sign(stranger, SignatureStrings.Store(3, _node.Now));
        var reply = await _node.CallAsync("store", parameters);
        reply.AssertText(401, "store signature verification failed");
    }

    [Fact]
    public async Task A_pubkey_ed25519_that_is_not_the_accounts_is_401()
    {
        using var stranger = Ed25519KeyPair.Generate();
        var parameters = Store(_account, 3, "x"u8.ToArray(), _node.Now, Minute, signed: true);
        parameters["pubkey_ed25519"] = stranger.PublicKey.ToHex();
        parameters["signature"] = Sign(stranger, SignatureStrings.Store(3, _node.Now));
        var reply = await _node.CallAsync("store", parameters);
        reply.AssertText(401, "store signature verification failed");
    }

    [Fact]
    public async Task An_account_without_pubkey_ed25519_is_401()
    {
        var parameters = Store(_account, 3, "x"u8.ToArray(), _node.Now, Minute, signed: true);
        parameters.Remove("pubkey_ed25519");
        var reply = await _node.CallAsync("store", parameters);
        reply.AssertText(401, "store signature verification failed");
    }

    [Fact]
    public async Task A_group_pubkey_is_its_own_verification_key()
    {
        using var group = Ed25519KeyPair.Generate();
        var parameters = new JsonObject
        {
            ["pubkey"] = "03" + group.PublicKey.ToHex(),
            ["namespace"] = 11,
            ["timestamp"] = _node.Now,
            ["ttl"] = Minute,
            ["data"] = "Z3JvdXA=",
            ["signature"] = Sign(group, SignatureStrings.Store(11, _node.Now)),
        };
        Assert.Equal(200, (await _node.CallAsync("store", parameters)).Status);

        parameters["signature"] = Sign(_account, SignatureStrings.Store(11, _node.Now));
        Assert.Equal(401, (await _node.CallAsync("store", parameters)).Status);
    }

    [Theory]
    [InlineData(0, 9_999, 403)]
    [InlineData(0, 10_000, 200)]
    [InlineData(0, 14L * 24 * 3600 * 1000, 200)]
    [InlineData(0, 14L * 24 * 3600 * 1000 + 1, 403)]
    [InlineData(5, 30L * 24 * 3600 * 1000, 200)]
    [InlineData(5, 30L * 24 * 3600 * 1000 + 1, 403)]
    public async Task Lifetime_limits_depend_on_the_namespace(int ns, long ttl, int status)
    {
        var reply = await _node.CallAsync("store", Store(_account, ns, "t"u8.ToArray(), _node.Now, ttl, signed: ns % 10 != 0));
        Assert.Equal(status, reply.Status);
        if (status == 403)
            reply.AssertText(403, "Provided expiry/TTL is not valid.");
    }

    [Theory]
    [InlineData(10_000, 200)]
    [InlineData(10_001, 406)]
    public async Task Store_timestamps_may_be_at_most_ten_seconds_ahead(long ahead, int status)
    {
        var reply = await _node.CallAsync("store", Store(_account, 0, "f"u8.ToArray(), _node.Now + ahead, Minute, signed: false));
        Assert.Equal(status, reply.Status);
        if (status == 406)
            reply.AssertText(406, "Timestamp error: check your clock");
    }

    [Fact]
    public async Task An_already_expired_message_is_406()
    {
        var reply = await _node.CallAsync("store", Store(_account, 0, "old"u8.ToArray(), _node.Now - 10 * Minute, Minute, signed: false));
        reply.AssertText(406, "Timestamp error: check your clock");
    }

    [Theory]
    [InlineData(60_000, 200)]
    [InlineData(60_001, 406)]
    [InlineData(-60_001, 406)]
    public async Task Signature_timestamps_must_be_within_a_minute(long skew, int status)
    {
        var parameters = Store(_account, 3, "s"u8.ToArray(), _node.Now, Minute, signed: true);
        var sigTs = _node.Now + skew;
        parameters["sig_timestamp"] = sigTs;
        parameters["signature"] = Sign(_account, SignatureStrings.Store(3, sigTs));
        var reply = await _node.CallAsync("store", parameters);
        Assert.Equal(status, reply.Status);
        if (status == 406)
            reply.AssertText(406, "store signature timestamp too far from current time");
    }

    [Fact]
    public async Task Data_over_the_limit_is_400_as_in_session()
    {
        var reply = await _node.CallAsync("store", Store(_account, 0, new byte[StorageLimits.MaxMessageBytes + 1], _node.Now, Minute, signed: false));
        reply.AssertText(400, "invalid request: Message body exceeds maximum allowed length of 76800 bytes");
        Assert.Equal(200, (await _node.CallAsync("store", Store(_account, 0, new byte[StorageLimits.MaxMessageBytes], _node.Now, Minute, signed: false))).Status);
    }

    [Fact]
    public async Task A_public_outbox_keeps_only_the_latest_message_and_anyone_reads_it()
    {
        Assert.Equal(401, (await _node.CallAsync("store", Store(_account, -1, "v1"u8.ToArray(), _node.Now, Minute, signed: false))).Status);
        await _node.CallAsync("store", Store(_account, -1, "v1"u8.ToArray(), _node.Now, Minute, signed: true));
        await _node.CallAsync("store", Store(_account, -1, "v2"u8.ToArray(), _node.Now + 1, Minute, signed: true));

        var read = await _node.CallAsync("retrieve", new JsonObject { ["pubkey"] = _account.AccountId.Hex, ["namespace"] = -1 });

        Assert.Equal(200, read.Status);
        var message = Assert.Single(read.Body.GetProperty("messages").EnumerateArray());
        Assert.Equal("v2"u8.ToArray(), Convert.FromBase64String(message.GetProperty("data").GetString()!));
        Assert.Equal(_node.Now + 1, message.GetProperty("timestamp").GetInt64());
        Assert.Equal(_node.Now + 1 + Minute, message.GetProperty("expiration").GetInt64());
    }

    [Fact]
    public async Task Legacy_closed_groups_store_and_read_without_authentication()
    {
        Assert.Equal(200, (await _node.CallAsync("store", Store(_account, -10, "legacy"u8.ToArray(), _node.Now, Minute, signed: false))).Status);
        var read = await _node.CallAsync("retrieve", new JsonObject { ["pubkey"] = _account.AccountId.Hex, ["namespace"] = -10 });
        Assert.Equal(200, read.Status);
        Assert.Single(read.Body.GetProperty("messages").EnumerateArray());
    }

    private StoragePubkey Pubkey() => StoragePubkey.FromBytes(_account.AccountId.Bytes);
}
