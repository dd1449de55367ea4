using System.Text.Json;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Node.Tests.Rpc.Support;
using Wisp.Testing;
using Wisp.Protocol.Storage;
using static Wisp.Testing.SignedRequests;

namespace Wisp.Node.Tests.Rpc;

public sealed class ExpireTests : IAsyncLifetime
{
    private const long Minute = 60_000;
    private const string Missing = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq";
    private RpcTestNode _node = null!;
    private readonly Ed25519KeyPair _account = Ed25519KeyPair.Generate();
    private readonly List<string> _hashes = [];

    public async ValueTask InitializeAsync()
    {
        _node = await RpcTestNode.StartAsync();
        // Expiries 10, 9, 8 minutes from now.
        for (var i = 0; i < 3; i++)
            _hashes.Add((await _node.CallAsync("store", Store(_account, 0, [(byte)i], _node.Now, (10 - i) * Minute, signed: false))).Body.GetProperty("hash").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        _account.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Expire_sets_the_expiry_and_signs_requested_and_updated()
    {
        var expiry = _node.Now + 2 * Minute;
        var reply = await _node.CallAsync("expire", Expire(_account, ExpireConstraint.None, expiry, _hashes[2], _hashes[0], Missing));

        Assert.Equal(200, reply.Status);
        var mine = reply.Mine(_node.NodeKeyHex);
        var updated = Strings(mine.GetProperty("updated"));
        Assert.Equal(new[] { _hashes[0], _hashes[2] }.Order(StringComparer.Ordinal), updated);
        Assert.Equal(expiry, mine.GetProperty("expiry").GetInt64());
        Assert.False(mine.TryGetProperty("unchanged", out _));
        Assert.True(NodeSigned(mine, NodeSignatureStrings.Expire(_account.AccountId.Hex, [expiry], [_hashes[2], _hashes[0], Missing], updated, [])));
        var expiries = await Expiries();
        Assert.Equal(expiry, expiries[_hashes[0]]);
        Assert.Equal(_node.Now + 9 * Minute, expiries[_hashes[1]]);
    }

    [Fact]
    public async Task Shorten_only_reports_what_it_left_unchanged()
    {
        var expiry = _node.Now + 9 * Minute;
        var reply = await _node.CallAsync("expire", Expire(_account, ExpireConstraint.ShortenOnly, expiry, _hashes[0], _hashes[1], _hashes[2]));

        var mine = reply.Mine(_node.NodeKeyHex);
        var updated = Strings(mine.GetProperty("updated"));
        Assert.Equal([_hashes[0]], updated);
        var unchanged = mine.GetProperty("unchanged").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(_node.Now + 8 * Minute, unchanged[_hashes[2]]);
        Assert.Equal(2, unchanged.Count);
        var unchangedSorted = unchanged.OrderBy(u => u.Key, StringComparer.Ordinal).ToList();
        Assert.True(NodeSigned(mine, NodeSignatureStrings.Expire(_account.AccountId.Hex, [expiry], [_hashes[0], _hashes[1], _hashes[2]], updated, unchangedSorted)));
    }

    [Fact]
    public async Task Extend_only_never_shortens()
    {
        var expiry = _node.Now + 9 * Minute;
        var reply = await _node.CallAsync("expire", Expire(_account, ExpireConstraint.ExtendOnly, expiry, _hashes[0], _hashes[2]));
        Assert.Equal([_hashes[2]], Strings(reply.Mine(_node.NodeKeyHex).GetProperty("updated")));
        Assert.Equal(_node.Now + 10 * Minute, (await Expiries())[_hashes[0]]);
    }

    [Fact]
    public async Task Expiries_beyond_thirty_days_are_capped()
    {
        var reply = await _node.CallAsync("expire", Expire(_account, ExpireConstraint.None, _node.Now + 31L * 24 * 3600 * 1000, _hashes[0]));
        Assert.Equal(200, reply.Status);
        Assert.Equal(_node.Now + StorageLimits.MaxPrivateTtlMs, reply.Mine(_node.NodeKeyHex).GetProperty("expiry").GetInt64());
    }

    [Fact]
    public async Task Expiry_more_than_a_minute_past_is_401_as_in_session()
    {
        var reply = await _node.CallAsync("expire", Expire(_account, ExpireConstraint.None, _node.Now - 61_000, _hashes[0]));
        reply.AssertText(401, "expire: timestamp should be >= current time");
    }

    [Fact]
    public async Task Without_a_constraint_every_message_found_is_updated_even_at_its_own_expiry()
    {
        var reply = await _node.CallAsync("expire", Expire(_account, ExpireConstraint.None, _node.Now + 9 * Minute, _hashes[1]));
        Assert.Equal([_hashes[1]], Strings(reply.Mine(_node.NodeKeyHex).GetProperty("updated")));
    }

    [Fact]
    public async Task Per_message_expiries_answer_an_array_for_the_updated_messages()
    {
        var first = _node.Now + 2 * Minute;
        var second = _node.Now + 3 * Minute;
        string[] messages = [_hashes[0], Missing, _hashes[1]];
        long[] expiries = [first, _node.Now + 4 * Minute, second];
        var parameters = Auth(_account, SignatureStrings.Expire(ExpireConstraint.None, expiries, messages));
        parameters["messages"] = new System.Text.Json.Nodes.JsonArray([.. messages.Select(m => System.Text.Json.Nodes.JsonValue.Create(m))]);
        parameters["expiry"] = new System.Text.Json.Nodes.JsonArray([.. expiries.Select(e => System.Text.Json.Nodes.JsonValue.Create(e))]);

        var reply = await _node.CallAsync("expire", parameters);

        Assert.Equal(200, reply.Status);
        var mine = reply.Mine(_node.NodeKeyHex);
        var updated = Strings(mine.GetProperty("updated"));
        Assert.Equal(new[] { _hashes[0], _hashes[1] }.Order(StringComparer.Ordinal), updated);
        var applied = updated.Select(h => h == _hashes[0] ? first : second).ToList();
        Assert.Equal(applied, mine.GetProperty("expiry").EnumerateArray().Select(e => e.GetInt64()));
        Assert.True(NodeSigned(mine, NodeSignatureStrings.Expire(_account.AccountId.Hex, applied, messages, updated, [])));
        var now = await Expiries();
        Assert.Equal((first, second), (now[_hashes[0]], now[_hashes[1]]));
    }

    [Fact]
    public async Task Expire_signed_with_the_wrong_constraint_is_401()
    {
        var parameters = Expire(_account, ExpireConstraint.None, _node.Now + Minute, _hashes[0]);
        parameters["shorten"] = true;
        (await _node.CallAsync("expire", parameters)).AssertText(401, "expire: signature verification failed");
    }

    [Fact]
    public async Task Expire_all_namespaces_answers_per_namespace()
    {
        var config = (await _node.CallAsync("store", Store(_account, 3, [7], _node.Now, 10 * Minute, signed: true))).Body.GetProperty("hash").GetString()!;
        var expiry = _node.Now + 9 * Minute;
        var reply = await _node.CallAsync("expire_all", ExpireAll(_account, NamespaceScope.All, expiry));

        var mine = reply.Mine(_node.NodeKeyHex);
        Assert.Equal($$"""{"0":["{{_hashes[0]}}"],"3":["{{config}}"]}""", mine.GetProperty("updated").GetRawText());
        var all = new[] { _hashes[0], config }.Order(StringComparer.Ordinal).ToList();
        Assert.True(NodeSigned(mine, NodeSignatureStrings.ExpireAll(_account.AccountId.Hex, expiry, all)));
    }

    [Fact]
    public async Task Expire_all_shortens_later_messages_only()
    {
        var expiry = _node.Now + 9 * Minute;
        var reply = await _node.CallAsync("expire_all", ExpireAll(_account, NamespaceScope.Of(0), expiry));

        var mine = reply.Mine(_node.NodeKeyHex);
        var updated = Strings(mine.GetProperty("updated"));
        Assert.Equal([_hashes[0]], updated);
        Assert.True(NodeSigned(mine, NodeSignatureStrings.ExpireAll(_account.AccountId.Hex, expiry, updated)));
        Assert.Equal(expiry, (await Expiries())[_hashes[0]]);
    }

    [Fact]
    public async Task Expire_all_in_the_past_is_406_and_bad_signature_401()
    {
        (await _node.CallAsync("expire_all", ExpireAll(_account, NamespaceScope.All, _node.Now - 61_000)))
            .AssertText(406, "expire_all timestamp should be >= current time");
        var parameters = ExpireAll(_account, NamespaceScope.All, _node.Now + Minute);
        parameters["expiry"] = _node.Now + 2 * Minute;
        (await _node.CallAsync("expire_all", parameters)).AssertText(401, "expire_all signature verification failed");
    }

    [Fact]
    public async Task Get_expiries_lists_existing_messages_only()
    {
        var reply = await _node.CallAsync("get_expiries", GetExpiries(_account, _node.Now, _hashes[1], Missing));
        Assert.Equal(200, reply.Status);
        Assert.Equal($$$"""{"expiries":{"{{{_hashes[1]}}}":{{{_node.Now + 9 * Minute}}}}}""", reply.Text);
    }

    [Fact]
    public async Task Get_expiries_checks_clock_then_signature()
    {
        (await _node.CallAsync("get_expiries", GetExpiries(_account, _node.Now + 61_000, _hashes[0])))
            .AssertText(406, "get_expiries timestamp too far from current time");
        using var stranger = Ed25519KeyPair.Generate();
        var parameters = GetExpiries(stranger, _node.Now, _hashes[0]);
        parameters["pubkey"] = _account.AccountId.Hex;
        (await _node.CallAsync("get_expiries", parameters)).AssertText(401, "get_expiries signature verification failed");
    }

    private async Task<Dictionary<string, long>> Expiries() =>
        (await _node.CallAsync("get_expiries", GetExpiries(_account, _node.Now, [.. _hashes])))
            .Body.GetProperty("expiries").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());

    private bool NodeSigned(JsonElement mine, byte[] message) =>
        Ed25519.Verify(_node.Identity.Keys.PublicKey, message, Convert.FromBase64String(mine.GetProperty("signature").GetString()!));

    private static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(h => h.GetString()!)];
}
