using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Node.Tests.Rpc.Support;
using Wisp.Protocol.Groups;
using Wisp.Protocol.Storage;
using static Wisp.Testing.SignedRequests;

namespace Wisp.Node.Tests.Groups;

/// <summary>
/// A group's keys (12) and messages (11) through a real node: the admin publishes a generation, members read it with
/// their subaccounts, unwrap their key and exchange one stored copy of a message; after a rotation without a member,
/// the member's old grant is revoked and the bytes it could still hold do not open under its keys.
/// </summary>
public sealed class GroupSwarmTests : IAsyncLifetime
{
    private const long Minute = 60_000;
    private RpcTestNode _node = null!;
    private readonly Ed25519KeyPair _group = Ed25519KeyPair.Generate();
    private readonly Ed25519KeyPair _alice = Ed25519KeyPair.Generate();
    private readonly Ed25519KeyPair _bob = Ed25519KeyPair.Generate();

    public async ValueTask InitializeAsync() => _node = await RpcTestNode.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _group.Dispose();
        _alice.Dispose();
        _bob.Dispose();
        await _node.DisposeAsync();
    }

    private string GroupId => "03" + _group.PublicKey.ToHex();

    [Fact]
    public async Task Members_unwrap_the_published_key_and_read_one_stored_message_and_a_removed_member_is_locked_out()
    {
        var aliceGrant = GroupSubaccount.Make(_group, _alice.AccountId);
        var bobGrant = GroupSubaccount.Make(_group, _bob.AccountId);
        await AdminStoreAsync(12, GroupKeys.Rekey(_group, [_alice.AccountId, _bob.AccountId], 0).Message);

        var aliceRing = await LoadKeysAsync(_alice, aliceGrant);
        var bobRing = await LoadKeysAsync(_bob, bobGrant);
        Assert.Equal(0, aliceRing.MaxGeneration);
        Assert.Equal(0, bobRing.MaxGeneration);

        var sent = GroupMessage.Encrypt(aliceRing.Current!, _alice, "hello bob"u8);
        Assert.Equal(200, (await _node.CallAsync("store", Member(_alice, aliceGrant, "store", 11, sent))).Status);
        var messages = await RetrieveAsync(_bob, bobGrant, 11);
        var read = GroupMessage.Decrypt(bobRing.Keys, Assert.Single(messages));
        Assert.True(read.Ok, read.Error);
        Assert.Equal(_alice.AccountId, read.Author);
        Assert.Equal("hello bob"u8.ToArray(), read.Data);

        // Bob is removed: a new generation for Alice alone, and Bob's token revoked.
        _node.Clock.NowMs += Minute;
        await AdminStoreAsync(12, GroupKeys.Rekey(_group, [_alice.AccountId], 1).Message);
        var revoke = new JsonObject
        {
            ["pubkey"] = GroupId,
            ["revoke"] = new JsonArray(GroupSubaccount.Token(_group, _bob.AccountId).ToString()),
            ["timestamp"] = _node.Now,
            ["signature"] = Sign(_group, SignatureStrings.RevokeSubaccount("revoke_subaccount", _node.Now, [GroupSubaccount.Token(_group, _bob.AccountId)])),
        };
        Assert.Equal(200, (await _node.CallAsync("revoke_subaccount", revoke)).Status);
        aliceRing = await LoadKeysAsync(_alice, aliceGrant);
        Assert.Equal(1, aliceRing.MaxGeneration);
        var after = GroupMessage.Encrypt(aliceRing.Current!, _alice, "bob has gone"u8);
        Assert.Equal(200, (await _node.CallAsync("store", Member(_alice, aliceGrant, "store", 11, after))).Status);

        (await _node.CallAsync("retrieve", Member(_bob, bobGrant, "retrieve", 11, null))).AssertText(401, "retrieve signature verification failed");
        // Even holding the stored bytes (read by the admin here), Bob's keys do not open them.
        var stored = await RetrieveAsAdminAsync(11);
        Assert.Equal(2, stored.Count);
        Assert.Equal("unable to decrypt ciphertext with any current group keys", GroupMessage.Decrypt(bobRing.Keys, stored[1]).Error);
        var keysMessages = await RetrieveAsAdminAsync(12);
        Assert.Empty(GroupKeysMessage.Parse(keysMessages[1], _group.PublicKey).Message!.UnwrapForMember(_bob, 0));
    }

    private async Task<GroupKeyring> LoadKeysAsync(Ed25519KeyPair member, byte[] grant)
    {
        var ring = new GroupKeyring(_group.PublicKey);
        var reply = await _node.CallAsync("retrieve", Member(member, grant, "retrieve", 12, null));
        Assert.Equal(200, reply.Status);
        foreach (var message in reply.Body.GetProperty("messages").EnumerateArray())
        {
            var load = ring.Load(Convert.FromBase64String(message.GetProperty("data").GetString()!), message.GetProperty("timestamp").GetInt64(), member);
            Assert.True(load.Ok, load.Error);
        }
        return ring;
    }

    private async Task<List<byte[]>> RetrieveAsync(Ed25519KeyPair member, byte[] grant, int ns)
    {
        var reply = await _node.CallAsync("retrieve", Member(member, grant, "retrieve", ns, null));
        Assert.Equal(200, reply.Status);
        return [.. reply.Body.GetProperty("messages").EnumerateArray().Select(m => Convert.FromBase64String(m.GetProperty("data").GetString()!))];
    }

    private async Task<List<byte[]>> RetrieveAsAdminAsync(int ns)
    {
        var reply = await _node.CallAsync("retrieve", new JsonObject
        {
            ["pubkey"] = GroupId,
            ["namespace"] = ns,
            ["timestamp"] = _node.Now,
            ["signature"] = Sign(_group, SignatureStrings.Retrieve(ns, _node.Now)),
        });
        Assert.Equal(200, reply.Status);
        return [.. reply.Body.GetProperty("messages").EnumerateArray().Select(m => Convert.FromBase64String(m.GetProperty("data").GetString()!))];
    }

    private async Task AdminStoreAsync(int ns, byte[] data)
    {
        var reply = await _node.CallAsync("store", new JsonObject
        {
            ["pubkey"] = GroupId,
            ["namespace"] = ns,
            ["timestamp"] = _node.Now,
            ["ttl"] = 30 * 24 * 60 * Minute,
            ["data"] = Convert.ToBase64String(data),
            ["signature"] = Sign(_group, SignatureStrings.Store(ns, _node.Now)),
        });
        Assert.Equal(200, reply.Status);
    }

    private JsonObject Member(Ed25519KeyPair member, byte[] grant, string method, int ns, byte[]? data)
    {
        var parameters = new JsonObject { ["pubkey"] = GroupId, ["namespace"] = ns, ["timestamp"] = _node.Now };
        if (data is not null)
        {
            parameters["ttl"] = 10 * Minute;
            parameters["data"] = Convert.ToBase64String(data);
        }
        var auth = GroupSubaccount.Sign(grant, member, method == "store" ? SignatureStrings.Store(ns, _node.Now) : SignatureStrings.Retrieve(ns, _node.Now));
        parameters["subaccount"] = auth.Token.ToString();
        parameters["subaccount_sig"] = Convert.ToBase64String(auth.SubaccountSignature);
        parameters["signature"] = Convert.ToBase64String(auth.Signature);
        return parameters;
    }
}
