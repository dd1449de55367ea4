using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Node.Tests.Rpc.Support;
using Wisp.Testing;
using Wisp.Protocol.Storage;
using static Wisp.Testing.SignedRequests;

namespace Wisp.Node.Tests.Rpc;

public sealed class DeleteTests : IAsyncLifetime
{
    private const long Minute = 60_000;
    private const string Missing = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq";
    private RpcTestNode _node = null!;
    private readonly Ed25519KeyPair _account = Ed25519KeyPair.Generate();
    private readonly List<string> _inbox = [];
    private string _config = "";

    public async ValueTask InitializeAsync()
    {
        _node = await RpcTestNode.StartAsync();
        for (var i = 0; i < 3; i++)
            _inbox.Add((await _node.CallAsync("store", Store(_account, 0, [(byte)i], _node.Now - 1000 + i, Minute, signed: false))).Body.GetProperty("hash").GetString()!);
        _config = (await _node.CallAsync("store", Store(_account, 3, [9], _node.Now, Minute, signed: true))).Body.GetProperty("hash").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        _account.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Delete_removes_named_messages_and_signs_the_result()
    {
        var reply = await _node.CallAsync("delete", Delete(_account, _inbox[1], Missing, _config));

        Assert.Equal(200, reply.Status);
        var mine = reply.Mine(_node.NodeKeyHex);
        var deleted = mine.GetProperty("deleted").EnumerateArray().Select(h => h.GetString()!).ToList();
        Assert.Equal(new[] { _inbox[1], _config }.Order(StringComparer.Ordinal), deleted);
        Assert.True(NodeSigned(mine, NodeSignatureStrings.Delete(_account.AccountId.Hex, [_inbox[1], Missing, _config], deleted)));
        Assert.Equal(2, await Count(0));
    }

    [Fact]
    public async Task Delete_required_with_nothing_deleted_is_404()
    {
        var parameters = Delete(_account, Missing);
        parameters["required"] = true;
        var reply = await _node.CallAsync("delete", parameters);
        Assert.Equal(404, reply.Status);
        Assert.Equal(0, reply.Mine(_node.NodeKeyHex).GetProperty("deleted").GetArrayLength());
        Assert.Equal(200, (await _node.CallAsync("delete", Delete(_account, Missing))).Status);
    }

    [Fact]
    public async Task Delete_signed_by_another_key_is_401_and_deletes_nothing()
    {
        using var stranger = Ed25519KeyPair.Generate();
        var parameters = Delete(stranger, _inbox[0]);
        parameters["pubkey"] = _account.AccountId.Hex;
        parameters.Remove("pubkey_ed25519");
        var reply = await _node.CallAsync("delete", parameters);
        reply.AssertText(401, "delete_msgs signature verification failed");
        Assert.Equal(3, await Count(0));
    }

    [Fact]
    public async Task Delete_all_in_one_namespace_signs_timestamp_and_sorted_hashes()
    {
        var reply = await _node.CallAsync("delete_all", DeleteAll(_account, NamespaceScope.Of(0), _node.Now));

        var mine = reply.Mine(_node.NodeKeyHex);
        var deleted = mine.GetProperty("deleted").EnumerateArray().Select(h => h.GetString()!).ToList();
        Assert.Equal(_inbox.Order(StringComparer.Ordinal), deleted);
        Assert.True(NodeSigned(mine, NodeSignatureStrings.DeleteAll(_account.AccountId.Hex, _node.Now, deleted)));
        Assert.Equal(0, await Count(0));
        Assert.Equal(1, await Count(3));
    }

    [Fact]
    public async Task Delete_all_namespaces_answers_per_namespace_and_signs_every_hash_sorted()
    {
        var reply = await _node.CallAsync("delete_all", DeleteAll(_account, NamespaceScope.All, _node.Now));

        var mine = reply.Mine(_node.NodeKeyHex);
        var deleted = mine.GetProperty("deleted");
        Assert.Equal(["0", "3"], deleted.EnumerateObject().Select(p => p.Name));
        Assert.Equal(_inbox.Order(StringComparer.Ordinal), deleted.GetProperty("0").EnumerateArray().Select(h => h.GetString()!));
        Assert.Equal([_config], deleted.GetProperty("3").EnumerateArray().Select(h => h.GetString()!));
        var all = _inbox.Append(_config).Order(StringComparer.Ordinal).ToList();
        Assert.True(NodeSigned(mine, NodeSignatureStrings.DeleteAll(_account.AccountId.Hex, _node.Now, all)));
        Assert.Equal(0, await Count(3));
    }

    [Fact]
    public async Task Delete_all_with_a_stale_timestamp_is_406()
    {
        var reply = await _node.CallAsync("delete_all", DeleteAll(_account, NamespaceScope.Of(0), _node.Now - 61_000));
        reply.AssertText(406, "delete_all timestamp too far from current time");
        Assert.Equal(3, await Count(0));
    }

    [Fact]
    public async Task Delete_all_signature_covers_the_namespace()
    {
        var parameters = DeleteAll(_account, NamespaceScope.Of(0), _node.Now);
        parameters["namespace"] = "all";
        (await _node.CallAsync("delete_all", parameters)).AssertText(401, "delete_all signature verification failed");
    }

    [Fact]
    public async Task Delete_before_removes_messages_up_to_and_including_the_time()
    {
        var reply = await _node.CallAsync("delete_before", DeleteBefore(_account, NamespaceScope.Of(0), _node.Now - 999));

        var mine = reply.Mine(_node.NodeKeyHex);
        var deleted = mine.GetProperty("deleted").EnumerateArray().Select(h => h.GetString()!).ToList();
        Assert.Equal(_inbox.Take(2).Order(StringComparer.Ordinal), deleted);
        Assert.True(NodeSigned(mine, NodeSignatureStrings.DeleteBefore(_account.AccountId.Hex, _node.Now - 999, deleted)));
    }

    [Fact]
    public async Task Delete_before_more_than_a_minute_ahead_is_401_as_in_session()
    {
        var reply = await _node.CallAsync("delete_before", DeleteBefore(_account, NamespaceScope.All, _node.Now + 61_000));
        reply.AssertText(401, "delete_before timestamp too far in the future");
        Assert.Equal(3, await Count(0));
    }

    private bool NodeSigned(System.Text.Json.JsonElement mine, byte[] message) =>
        Ed25519.Verify(_node.Identity.Keys.PublicKey, message, Convert.FromBase64String(mine.GetProperty("signature").GetString()!));

    private async Task<int> Count(int ns) =>
        (await _node.CallAsync("retrieve", Retrieve(_account, ns, _node.Now))).Body.GetProperty("messages").GetArrayLength();
}
