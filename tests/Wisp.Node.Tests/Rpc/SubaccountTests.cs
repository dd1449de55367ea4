using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Node.Tests.Rpc.Support;
using Wisp.Protocol.Storage;
using static Wisp.Testing.SignedRequests;

namespace Wisp.Node.Tests.Rpc;

/// <summary>
/// Subaccount authentication as Session checks it: a 36-byte token the owner signs, whose key then signs requests,
/// limited by its permission flags and prefix, and refused once the owner revokes it. Tokens are made and signed here
/// with the owner's key (no published vector was at hand).
/// </summary>
public sealed class SubaccountTests : IAsyncLifetime
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

    private string GroupPk => "03" + _group.PublicKey.ToHex();

    [Fact]
    public async Task A_token_with_write_access_stores_and_one_with_read_access_retrieves()
    {
        var writer = Token(SubaccountAccess.Read | SubaccountAccess.Write);
        var stored = await _node.CallAsync("store", StoreAs(writer, 11, "hi"u8.ToArray()));
        Assert.Equal(200, stored.Status);

        var reader = Token(SubaccountAccess.Read);
        var read = await _node.CallAsync("retrieve", RetrieveAs(reader, 11));
        Assert.Equal(200, read.Status);
        Assert.Single(read.Body.GetProperty("messages").EnumerateArray());

        (await _node.CallAsync("store", StoreAs(reader, 11, "no"u8.ToArray()))).AssertText(401, "store signature verification failed");
    }

    [Fact]
    public async Task A_token_is_refused_for_another_prefix_unless_it_grants_any_prefix()
    {
        var wrongPrefix = SubaccountToken.Create(0x05, SubaccountAccess.Read, _member.PublicKey.Span);
        (await _node.CallAsync("retrieve", RetrieveAs(wrongPrefix, 11))).AssertText(401, "retrieve signature verification failed");

        var anyPrefix = SubaccountToken.Create(0x05, SubaccountAccess.Read | SubaccountAccess.AnyPrefix, _member.PublicKey.Span);
        Assert.Equal(200, (await _node.CallAsync("retrieve", RetrieveAs(anyPrefix, 11))).Status);
    }

    [Fact]
    public async Task A_token_the_owner_did_not_sign_is_refused()
    {
        var token = Token(SubaccountAccess.Read);
        var parameters = RetrieveAs(token, 11);
        parameters["subaccount_sig"] = Sign(_member, token.Bytes.ToArray());
        (await _node.CallAsync("retrieve", parameters)).AssertText(401, "retrieve signature verification failed");
    }

    [Fact]
    public async Task A_revoked_token_is_refused_until_unrevoked_except_in_unrevocable_namespaces()
    {
        var token = Token(SubaccountAccess.Read | SubaccountAccess.Write);

        var revoked = await _node.CallAsync("revoke_subaccount", OwnerRevoke("revoke", token));
        Assert.Equal(200, revoked.Status);
        var entry = revoked.Mine(_node.NodeKeyHex);
        Assert.Equal(["signature"], entry.EnumerateObject().Select(p => p.Name));
        Assert.True(Ed25519.Verify(_node.Identity.Keys.PublicKey,
            NodeSignatureStrings.RevokeSubaccount(GroupPk, _node.Now, [token]),
            Convert.FromBase64String(entry.GetProperty("signature").GetString()!)));

        (await _node.CallAsync("retrieve", RetrieveAs(token, 11))).AssertText(401, "retrieve signature verification failed");
        Assert.Equal(200, (await _node.CallAsync("retrieve", RetrieveAs(token, -11))).Status);

        var unrevoked = await _node.CallAsync("unrevoke_subaccount", OwnerRevoke("unrevoke", token));
        Assert.Equal(1, unrevoked.Mine(_node.NodeKeyHex).GetProperty("count").GetInt32());
        Assert.Equal(200, (await _node.CallAsync("retrieve", RetrieveAs(token, 11))).Status);
    }

    [Fact]
    public async Task Only_the_fifty_most_recent_revocations_are_kept()
    {
        var first = Token(SubaccountAccess.Read);
        await _node.CallAsync("revoke_subaccount", OwnerRevoke("revoke", first));
        _node.Clock.NowMs += 1;
        var others = Enumerable.Range(0, 50).Select(i => SubaccountToken.Create(0x03, SubaccountAccess.Read, Enumerable.Repeat((byte)i, 32).ToArray()));
        Assert.Equal(200, (await _node.CallAsync("revoke_subaccount", OwnerRevoke("revoke", [.. others]))).Status);

        Assert.Equal(200, (await _node.CallAsync("retrieve", RetrieveAs(first, 11))).Status);
    }

    [Fact]
    public async Task A_subaccount_cannot_revoke()
    {
        var token = Token(SubaccountAccess.Read | SubaccountAccess.Write | SubaccountAccess.Delete);
        var parameters = new JsonObject
        {
            ["pubkey"] = GroupPk,
            ["revoke"] = token.ToString(),
            ["timestamp"] = _node.Now,
            ["signature"] = Sign(_member, SignatureStrings.RevokeSubaccount("revoke_subaccount", _node.Now, [token])),
            ["subaccount"] = token.ToString(),
            ["subaccount_sig"] = Sign(_group, token.Bytes.ToArray()),
        };
        (await _node.CallAsync("revoke_subaccount", parameters)).AssertText(401, "revoke_subaccount signature verification failed");
    }

    [Fact]
    public async Task Without_delete_access_expire_only_extends_and_may_not_shorten()
    {
        var writer = Token(SubaccountAccess.Read | SubaccountAccess.Write);
        var hash = (await _node.CallAsync("store", StoreAs(writer, 11, "x"u8.ToArray()))).Body.GetProperty("hash").GetString()!;

        (await _node.CallAsync("expire", ExpireAs(writer, ExpireConstraint.ShortenOnly, _node.Now + 2 * Minute, hash)))
            .AssertText(400, "expire: shorten parameter cannot be used with this subaccount token (missing delete access)");

        var earlier = await _node.CallAsync("expire", ExpireAs(writer, ExpireConstraint.None, _node.Now + 2 * Minute, hash));
        Assert.Equal(0, earlier.Mine(_node.NodeKeyHex).GetProperty("updated").GetArrayLength());
        var later = await _node.CallAsync("expire", ExpireAs(writer, ExpireConstraint.None, _node.Now + 20 * Minute, hash));
        Assert.Equal(1, later.Mine(_node.NodeKeyHex).GetProperty("updated").GetArrayLength());
    }

    [Fact]
    public async Task Deleting_needs_delete_access()
    {
        var writer = Token(SubaccountAccess.Write);
        var parameters = new JsonObject
        {
            ["pubkey"] = GroupPk,
            ["namespace"] = "all",
            ["timestamp"] = _node.Now,
            ["signature"] = Sign(_member, SignatureStrings.DeleteAll(NamespaceScope.All, _node.Now)),
        };
        AddToken(parameters, writer);
        (await _node.CallAsync("delete_all", parameters)).AssertText(401, "delete_all signature verification failed");

        AddToken(parameters, Token(SubaccountAccess.Delete));
        Assert.Equal(200, (await _node.CallAsync("delete_all", parameters)).Status);
    }

    private SubaccountToken Token(SubaccountAccess access) => SubaccountToken.Create(0x03, access, _member.PublicKey.Span);

    private void AddToken(JsonObject parameters, SubaccountToken token)
    {
        parameters["subaccount"] = token.ToString();
        parameters["subaccount_sig"] = Sign(_group, token.Bytes.ToArray());
    }

    private JsonObject StoreAs(SubaccountToken token, int ns, byte[] data)
    {
        var parameters = new JsonObject
        {
            ["pubkey"] = GroupPk,
            ["namespace"] = ns,
            ["timestamp"] = _node.Now,
            ["ttl"] = 10 * Minute,
            ["data"] = Convert.ToBase64String(data),
            ["signature"] = Sign(_member, SignatureStrings.Store(ns, _node.Now)),
        };
        AddToken(parameters, token);
        return parameters;
    }

    private JsonObject RetrieveAs(SubaccountToken token, int ns)
    {
        var parameters = new JsonObject
        {
            ["pubkey"] = GroupPk,
            ["namespace"] = ns,
            ["timestamp"] = _node.Now,
            ["signature"] = Sign(_member, SignatureStrings.Retrieve(ns, _node.Now)),
        };
        AddToken(parameters, token);
        return parameters;
    }

    private JsonObject ExpireAs(SubaccountToken token, ExpireConstraint constraint, long expiry, string hash)
    {
        var parameters = new JsonObject
        {
            ["pubkey"] = GroupPk,
            ["messages"] = new JsonArray(hash),
            ["expiry"] = expiry,
            ["signature"] = Sign(_member, SignatureStrings.Expire(constraint, expiry, [hash])),
        };
        if (constraint == ExpireConstraint.ShortenOnly)
            parameters["shorten"] = true;
        AddToken(parameters, token);
        return parameters;
    }

    private JsonObject OwnerRevoke(string field, params SubaccountToken[] tokens) => new()
    {
        ["pubkey"] = GroupPk,
        [field] = new JsonArray([.. tokens.Select(t => JsonValue.Create(Convert.ToHexStringLower(t.Bytes)))]),
        ["timestamp"] = _node.Now,
        ["signature"] = Sign(_group, SignatureStrings.RevokeSubaccount(field + "_subaccount", _node.Now, tokens)),
    };
}
