using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Node.Tests.Rpc.Support;
using Wisp.Protocol.Groups;
using Wisp.Protocol.Storage;
using static Wisp.Testing.SignedRequests;

namespace Wisp.Node.Tests.Groups;

/// <summary>
/// A group's swarm on a real node, authorised as Session's storage server authorises it: the group key signs for
/// admins; members sign with the blinded subaccounts libsession makes (admin-signed, read or read+write); a token
/// the admin revokes is refused everywhere but the unrevocable namespace −11.
/// </summary>
public sealed class GroupAuthorisationTests : IAsyncLifetime
{
    private const long Minute = 60_000;
    private RpcTestNode _node = null!;
    private readonly Ed25519KeyPair _group = Ed25519KeyPair.Generate();
    private readonly Ed25519KeyPair _member = Ed25519KeyPair.Generate();

    public async ValueTask InitializeAsync() => _node = await RpcTestNode.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _group.Dispose();
        _member.Dispose();
        await _node.DisposeAsync();
    }

    private string GroupId => "03" + _group.PublicKey.ToHex();

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(-11)]
    public async Task The_group_key_stores_and_retrieves_in_each_group_namespace(int ns)
    {
        var stored = await _node.CallAsync("store", AdminStore(ns, "payload"u8.ToArray()));
        Assert.Equal(200, stored.Status);

        var read = await _node.CallAsync("retrieve", AdminRetrieve(ns));
        Assert.Equal(200, read.Status);
        var message = Assert.Single(read.Body.GetProperty("messages").EnumerateArray());
        Assert.Equal(stored.Body.GetProperty("hash").GetString(), message.GetProperty("hash").GetString());
    }

    [Fact]
    public async Task Unsigned_requests_to_a_group_are_refused()
    {
        var store = new JsonObject
        {
            ["pubkey"] = GroupId,
            ["namespace"] = 11,
            ["timestamp"] = _node.Now,
            ["ttl"] = 10 * Minute,
            ["data"] = Convert.ToBase64String("x"u8),
        };
        (await _node.CallAsync("store", store)).AssertText(401, "store: signature required to store to namespace 11");
        // Session's parser wants the signature for any namespace but the public outbox and legacy groups: a 400.
        var retrieve = new JsonObject { ["pubkey"] = GroupId, ["namespace"] = 11 };
        (await _node.CallAsync("retrieve", retrieve)).AssertText(400, "invalid request: Required field 'signature' missing");
    }

    [Fact]
    public async Task Session_parse_errors_for_group_addresses()
    {
        var withEd = AdminRetrieve(11);
        withEd["pubkey_ed25519"] = _group.PublicKey.ToHex();
        (await _node.CallAsync("retrieve", withEd)).AssertText(400, "invalid request: pubkey_ed25519 is only permitted for 05[...] pubkeys");

        var noSubaccountSig = MemberRetrieve(GroupSubaccount.Make(_group, _member.AccountId), 11);
        noSubaccountSig.Remove("subaccount_sig");
        (await _node.CallAsync("retrieve", noSubaccountSig)).AssertText(400, "invalid request: invalid subaccount: subaccount_sig is required when using subaccount");
    }

    [Fact]
    public async Task A_member_key_signing_as_itself_is_not_the_group()
    {
        var parameters = AdminStore(11, "x"u8.ToArray());
        parameters["signature"] = Sign(_member, SignatureStrings.Store(11, _node.Now));
        (await _node.CallAsync("store", parameters)).AssertText(401, "store signature verification failed");
    }

    [Fact]
    public async Task A_member_subaccount_with_write_stores_and_reads_every_group_namespace()
    {
        var grant = GroupSubaccount.Make(_group, _member.AccountId);

        var stored = await _node.CallAsync("store", MemberStore(grant, 11, "hello group"u8.ToArray()));
        Assert.Equal(200, stored.Status);
        foreach (var ns in new[] { 11, 12, 13, 14, -11 })
            Assert.Equal(200, (await _node.CallAsync("retrieve", MemberRetrieve(grant, ns))).Status);
        var read = await _node.CallAsync("retrieve", MemberRetrieve(grant, 11));
        Assert.Equal("hello group"u8.ToArray(), Convert.FromBase64String(read.Body.GetProperty("messages")[0].GetProperty("data").GetString()!));
    }

    [Fact]
    public async Task A_read_only_subaccount_reads_but_may_not_store_or_delete()
    {
        var grant = GroupSubaccount.Make(_group, _member.AccountId, write: false);

        Assert.Equal(200, (await _node.CallAsync("retrieve", MemberRetrieve(grant, 11))).Status);
        (await _node.CallAsync("store", MemberStore(grant, 11, "x"u8.ToArray()))).AssertText(401, "store signature verification failed");
        (await _node.CallAsync("delete_all", MemberDeleteAll(grant))).AssertText(401, "delete_all signature verification failed");
    }

    [Fact]
    public async Task Deleting_needs_a_grant_with_delete()
    {
        (await _node.CallAsync("delete_all", MemberDeleteAll(GroupSubaccount.Make(_group, _member.AccountId)))).AssertText(401, "delete_all signature verification failed");
        Assert.Equal(200, (await _node.CallAsync("delete_all", MemberDeleteAll(GroupSubaccount.Make(_group, _member.AccountId, delete: true)))).Status);
    }

    [Fact]
    public async Task A_grant_from_another_group_or_for_another_member_is_refused()
    {
        using var otherGroup = Ed25519KeyPair.Generate();
        using var otherMember = Ed25519KeyPair.Generate();

        (await _node.CallAsync("retrieve", MemberRetrieve(GroupSubaccount.Make(otherGroup, _member.AccountId), 11)))
            .AssertText(401, "retrieve signature verification failed");
        // Another member's grant: the member rebuilds a different kT than the group signed.
        (await _node.CallAsync("retrieve", MemberRetrieve(GroupSubaccount.Make(_group, otherMember.AccountId), 11)))
            .AssertText(401, "retrieve signature verification failed");
    }

    [Fact]
    public async Task A_revoked_member_is_refused_except_in_the_unrevocable_namespace_until_unrevoked()
    {
        var grant = GroupSubaccount.Make(_group, _member.AccountId);
        Assert.Equal(200, (await _node.CallAsync("store", AdminStore(-11, "you were removed"u8.ToArray()))).Status);
        // The admin names the token without the member's help: the node sees only the blinded key.
        var token = GroupSubaccount.Token(_group, _member.AccountId);

        Assert.Equal(200, (await _node.CallAsync("revoke_subaccount", AdminRevoke("revoke", token))).Status);

        (await _node.CallAsync("retrieve", MemberRetrieve(grant, 11))).AssertText(401, "retrieve signature verification failed");
        (await _node.CallAsync("retrieve", MemberRetrieve(grant, 12))).AssertText(401, "retrieve signature verification failed");
        (await _node.CallAsync("store", MemberStore(grant, 11, "x"u8.ToArray()))).AssertText(401, "store signature verification failed");
        (await _node.CallAsync("store", MemberStore(grant, -11, "x"u8.ToArray()))).AssertText(401, "store signature verification failed");
        var notice = await _node.CallAsync("retrieve", MemberRetrieve(grant, -11));
        Assert.Equal(200, notice.Status);
        Assert.Equal("you were removed"u8.ToArray(), Convert.FromBase64String(notice.Body.GetProperty("messages")[0].GetProperty("data").GetString()!));

        Assert.Equal(200, (await _node.CallAsync("unrevoke_subaccount", AdminRevoke("unrevoke", token))).Status);
        Assert.Equal(200, (await _node.CallAsync("retrieve", MemberRetrieve(grant, 11))).Status);
    }

    [Fact]
    public async Task A_member_cannot_revoke_with_its_subaccount()
    {
        var grant = GroupSubaccount.Make(_group, _member.AccountId, delete: true);
        var token = GroupSubaccount.Token(_group, _member.AccountId, delete: true);
        var auth = GroupSubaccount.Sign(grant, _member, SignatureStrings.RevokeSubaccount("revoke_subaccount", _node.Now, [token]));
        var parameters = new JsonObject
        {
            ["pubkey"] = GroupId,
            ["revoke"] = new JsonArray(token.ToString()),
            ["timestamp"] = _node.Now,
            ["signature"] = Convert.ToBase64String(auth.Signature),
            ["subaccount"] = auth.Token.ToString(),
            ["subaccount_sig"] = Convert.ToBase64String(auth.SubaccountSignature),
        };
        (await _node.CallAsync("revoke_subaccount", parameters)).AssertText(401, "revoke_subaccount signature verification failed");
    }

    private JsonObject AdminStore(int ns, byte[] data) => new()
    {
        ["pubkey"] = GroupId,
        ["namespace"] = ns,
        ["timestamp"] = _node.Now,
        ["ttl"] = 10 * Minute,
        ["data"] = Convert.ToBase64String(data),
        ["signature"] = Sign(_group, SignatureStrings.Store(ns, _node.Now)),
    };

    private JsonObject AdminRetrieve(int ns) => new()
    {
        ["pubkey"] = GroupId,
        ["namespace"] = ns,
        ["timestamp"] = _node.Now,
        ["signature"] = Sign(_group, SignatureStrings.Retrieve(ns, _node.Now)),
    };

    private JsonObject AdminRevoke(string field, SubaccountToken token) => new()
    {
        ["pubkey"] = GroupId,
        [field] = new JsonArray(token.ToString()),
        ["timestamp"] = _node.Now,
        ["signature"] = Sign(_group, SignatureStrings.RevokeSubaccount(field + "_subaccount", _node.Now, [token])),
    };

    private JsonObject MemberStore(byte[] grant, int ns, byte[] data) => WithSubaccount(new JsonObject
    {
        ["pubkey"] = GroupId,
        ["namespace"] = ns,
        ["timestamp"] = _node.Now,
        ["ttl"] = 10 * Minute,
        ["data"] = Convert.ToBase64String(data),
    }, grant, SignatureStrings.Store(ns, _node.Now));

    private JsonObject MemberRetrieve(byte[] grant, int ns) => WithSubaccount(new JsonObject
    {
        ["pubkey"] = GroupId,
        ["namespace"] = ns,
        ["timestamp"] = _node.Now,
    }, grant, SignatureStrings.Retrieve(ns, _node.Now));

    private JsonObject MemberDeleteAll(byte[] grant) => WithSubaccount(new JsonObject
    {
        ["pubkey"] = GroupId,
        ["namespace"] = "all",
        ["timestamp"] = _node.Now,
    }, grant, SignatureStrings.DeleteAll(NamespaceScope.All, _node.Now));

    /// <summary>The three fields libsession's swarm_subaccount_sign gives a member, base64 as Session's clients send them.</summary>
    private JsonObject WithSubaccount(JsonObject parameters, byte[] grant, byte[] signed)
    {
        var auth = GroupSubaccount.Sign(grant, _member, signed);
        parameters["subaccount"] = auth.Token.ToString();
        parameters["subaccount_sig"] = Convert.ToBase64String(auth.SubaccountSignature);
        parameters["signature"] = Convert.ToBase64String(auth.Signature);
        return parameters;
    }
}
