using System.Text.Json;
using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;

namespace Wisp.IntegrationTests.Conformance;

/// <summary>
/// Subaccounts, as Session's groups use them: a group (03 + its Ed25519 key) hands a member a token (prefix, flags,
/// two zero bytes, the member's key) signed with the group key, and the member signs requests with its own key
/// (common/subaccount_token.h, crypto/subaccount.cpp, request_handler.cpp <c>verify_signature</c>). A token is
/// refused with the method's "signature verification failed" when its flags, prefix or revocation say no.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class SubaccountTests(ConformanceNetwork net)
{
    private const int GroupMessages = 11;

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task AGroupSignsWithItsOwnKeyAndAReadTokenRetrieves(Via via)
    {
        using var group = SessionAccount.NewGroup();
        using var member = Ed25519KeyPair.Generate();
        var stored = await net.StoreAsync(group, ns: GroupMessages);

        var reply = Expect.Json(await net.RpcAsync(via, "retrieve", Retrieve(group, member, group.TokenFor(member, SubaccountFlags.Read), GroupMessages)));

        Assert.Equal([stored.Hash], Hashes(reply));
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task AReadOnlyTokenCannotStore(Via via)
    {
        using var group = SessionAccount.NewGroup();
        using var member = Ed25519KeyPair.Generate();

        var answer = await net.RpcAsync(via, "store", Store(group, member, group.TokenFor(member, SubaccountFlags.Read)));

        Expect.Text(answer, 401, "store signature verification failed");
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task AWriteTokenStoresAndExtendsButNeitherDeletesNorShortens(Via via)
    {
        using var group = SessionAccount.NewGroup();
        using var member = Ed25519KeyPair.Generate();
        var token = group.TokenFor(member, SubaccountFlags.Read | SubaccountFlags.Write);

        var stored = Expect.Json(await net.RpcAsync(via, "store", Store(group, member, token)));
        var hash = stored.GetProperty("hash").GetString()!;
        var delete = await net.RpcAsync(via, "delete", group.SignedBySubaccount(member, token, ClientSigns.Delete(hash), new() { ["messages"] = new JsonArray(hash) }));
        var earlier = Clock.NowMs() + 60_000;
        var shorten = await net.RpcAsync(via, "expire", ExpireBy(group, member, token, "shorten", earlier, hash));
        var plain = Expect.Json(await net.RpcAsync(via, "expire", ExpireBy(group, member, token, "", earlier, hash)));

        Expect.Text(delete, 401, "delete_msgs signature verification failed");
        Expect.Text(shorten, 400, "expire: shorten parameter cannot be used with this subaccount token (missing delete access)");
        // Without the delete bit a plain expire is extend-only: nothing is shortened, and no "unchanged" is listed.
        foreach (var (_, entry) in Expect.Swarm(plain, net.Nodes))
        {
            Expect.Keys(entry, "expiry", "signature", "updated");
            Assert.Empty(entry.GetProperty("updated").EnumerateArray());
        }
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task ADeleteTokenDeletes(Via via)
    {
        using var group = SessionAccount.NewGroup();
        using var member = Ed25519KeyPair.Generate();
        var token = group.TokenFor(member, SubaccountFlags.Read | SubaccountFlags.Write | SubaccountFlags.Delete);
        var stored = await net.StoreAsync(group, ns: GroupMessages);

        var reply = Expect.Json(await net.RpcAsync(via, "delete", group.SignedBySubaccount(member, token, ClientSigns.Delete(stored.Hash), new()
        {
            ["messages"] = new JsonArray(stored.Hash),
        })));

        foreach (var (node, entry) in Expect.Swarm(reply, net.Nodes))
        {
            Assert.Equal([stored.Hash], Expect.Strings(entry.GetProperty("deleted")));
            Expect.SignedBy(node, entry, NodeSigns.Deleted(group.Pubkey, [stored.Hash], [stored.Hash]));
        }
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task ATokenForAnotherPrefixIsRefusedUnlessItAllowsAnyPrefix(Via via)
    {
        using var group = SessionAccount.NewGroup();
        using var member = Ed25519KeyPair.Generate();
        await net.StoreAsync(group, ns: GroupMessages);

        var wrongPrefix = await net.RpcAsync(via, "retrieve", Retrieve(group, member, group.TokenFor(member, SubaccountFlags.Read, prefix: 0x05), GroupMessages));
        var anyPrefix = await net.RpcAsync(via, "retrieve", Retrieve(group, member, group.TokenFor(member, SubaccountFlags.Read | SubaccountFlags.AnyPrefix, prefix: 0x05), GroupMessages));

        Expect.Text(wrongPrefix, 401, "retrieve signature verification failed");
        Assert.Single(Hashes(Expect.Json(anyPrefix)));
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task ARevokedTokenIsRefusedUntilUnrevokedExceptInAnUnrevocableNamespace(Via via)
    {
        using var group = SessionAccount.NewGroup();
        using var member = Ed25519KeyPair.Generate();
        var token = group.TokenFor(member, SubaccountFlags.Read);
        await net.StoreAsync(group, ns: GroupMessages);
        var now = Clock.NowMs();

        var revoked = Expect.Json(await net.RpcAsync(via, "revoke_subaccount", group.Signed(ClientSigns.Revoke(now, token), new()
        {
            ["revoke"] = Convert.ToBase64String(token),
            ["timestamp"] = now,
        })));
        var whileRevoked = await net.RpcAsync(via, "retrieve", Retrieve(group, member, token, GroupMessages));
        var unrevocable = await net.RpcAsync(via, "retrieve", Retrieve(group, member, token, -11));
        var later = Clock.NowMs();
        var unrevoked = Expect.Json(await net.RpcAsync(via, "unrevoke_subaccount", group.Signed(ClientSigns.Unrevoke(later, token), new()
        {
            ["unrevoke"] = new JsonArray(Convert.ToHexStringLower(token)),
            ["timestamp"] = later,
        })));
        var afterwards = await net.RpcAsync(via, "retrieve", Retrieve(group, member, token, GroupMessages));

        Expect.Keys(revoked, "hf", "swarm", "t");
        foreach (var (node, entry) in Expect.Swarm(revoked, net.Nodes))
            Expect.SignedBy(node, entry, NodeSigns.Revocation(group.Pubkey, now, token));
        Expect.Text(whileRevoked, 401, "retrieve signature verification failed");
        Expect.Json(unrevocable);
        Expect.Keys(unrevoked, "hf", "swarm", "t");
        foreach (var (node, entry) in Expect.Swarm(unrevoked, net.Nodes))
        {
            Expect.Keys(entry, "count", "signature");
            Assert.Equal(1, entry.GetProperty("count").GetInt32());
            Expect.SignedBy(node, entry, NodeSigns.Revocation(group.Pubkey, later, token));
        }
        Assert.Single(Hashes(Expect.Json(afterwards)));
    }

    private static JsonObject Retrieve(SessionAccount group, Ed25519KeyPair member, byte[] token, int ns)
    {
        var now = Clock.NowMs();
        return group.SignedBySubaccount(member, token, ClientSigns.Retrieve(ns, now), new() { ["namespace"] = ns, ["timestamp"] = now });
    }

    private static JsonObject Store(SessionAccount group, Ed25519KeyPair member, byte[] token)
    {
        var now = Clock.NowMs();
        return group.SignedBySubaccount(member, token, ClientSigns.Store(GroupMessages, now), new()
        {
            ["namespace"] = GroupMessages,
            ["timestamp"] = now,
            ["ttl"] = 3_600_000,
            ["data"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(40)),
        });
    }

    private static JsonObject ExpireBy(SessionAccount group, Ed25519KeyPair member, byte[] token, string mode, long expiry, string hash)
    {
        var fields = new JsonObject { ["messages"] = new JsonArray(hash), ["expiry"] = expiry };
        if (mode != "")
            fields[mode] = true;
        return group.SignedBySubaccount(member, token, ClientSigns.Expire(mode, [expiry], hash), fields);
    }

    private static string[] Hashes(JsonElement reply) => [.. reply.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("hash").GetString()!)];
}
