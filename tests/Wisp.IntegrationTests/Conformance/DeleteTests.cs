using System.Text.Json.Nodes;

namespace Wisp.IntegrationTests.Conformance;

/// <summary>
/// <c>delete</c>, <c>delete_all</c>, <c>delete_before</c>: request_handler.cpp <c>process_client_req</c> of each, with
/// <c>handle_action_one_ns</c> / <c>handle_action_all_ns</c> for the answer and its signature.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class DeleteTests(ConformanceNetwork net)
{
    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task DeleteAnswersEachMembersDeletionsSignedOverTheRequest(Via via)
    {
        using var account = SessionAccount.NewSessionId();
        var kept = await net.StoreAsync(account);
        var gone = await net.StoreAsync(account);
        var absent = Convert.ToBase64String(new byte[32]).TrimEnd('=');
        string[] requested = [absent, gone.Hash];
        var before = Clock.NowMs();

        var reply = Expect.Json(await net.RpcAsync(via, "delete", account.Signed(ClientSigns.Delete(requested), new() { ["messages"] = Given.Array(requested) })));

        Expect.Keys(reply, "hf", "swarm", "t");
        Expect.MiscFields(reply, before);
        foreach (var (node, entry) in Expect.Swarm(reply, net.Nodes))
        {
            Expect.Keys(entry, "deleted", "signature");
            Assert.Equal([gone.Hash], Expect.Strings(entry.GetProperty("deleted")));
            Expect.SignedBy(node, entry, NodeSigns.Deleted(account.Pubkey, requested, [gone.Hash]));
        }
        Assert.Equal([kept.Hash], await net.HashesAsync(account));
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task ARequiredDeleteThatDeletesNothingIs404WithTheSwarmResults(Via via)
    {
        // process_client_req(delete_msgs): "required": true turns a 200 in which no member deleted anything into a 404.
        using var account = SessionAccount.NewSessionId();
        await net.StoreAsync(account);
        var absent = Convert.ToBase64String(new byte[32]).TrimEnd('=');

        var reply = Expect.Json(await net.RpcAsync(via, "delete", account.Signed(ClientSigns.Delete(absent), new()
        {
            ["messages"] = new JsonArray(absent),
            ["required"] = true,
        })), 404);

        Expect.Keys(reply, "hf", "swarm", "t");
        Assert.All(Expect.Swarm(reply, net.Nodes), e => Assert.Empty(e.Entry.GetProperty("deleted").EnumerateArray()));
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task DeleteAllWithoutANamespaceEmptiesNamespaceZeroOnly(Via via)
    {
        using var account = SessionAccount.NewSessionId();
        var a = await net.StoreAsync(account);
        var b = await net.StoreAsync(account);
        var elsewhere = await net.StoreAsync(account, ns: 1);
        var now = Clock.NowMs();

        var reply = Expect.Json(await net.RpcAsync(via, "delete_all", account.Signed(ClientSigns.DeleteAll(0, now), new() { ["timestamp"] = now })));

        Expect.Keys(reply, "hf", "swarm", "t");
        var deleted = Given.Sorted(a.Hash, b.Hash);
        foreach (var (node, entry) in Expect.Swarm(reply, net.Nodes))
        {
            Expect.Keys(entry, "deleted", "signature");
            Assert.Equal(deleted, Expect.Strings(entry.GetProperty("deleted")));
            Expect.SignedBy(node, entry, NodeSigns.ByTime(account.Pubkey, now, deleted));
        }
        Assert.Empty(await net.HashesAsync(account));
        Assert.Equal([elsewhere.Hash], await net.HashesAsync(account, 1));
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task DeleteAllOfAllNamespacesAnswersTheHashesByNamespace(Via via)
    {
        using var account = SessionAccount.NewSessionId();
        var zero = new[] { await net.StoreAsync(account), await net.StoreAsync(account) };
        var one = await net.StoreAsync(account, ns: 1);
        var minusTwenty = await net.StoreAsync(account, ns: -20);
        var now = Clock.NowMs();

        var reply = Expect.Json(await net.RpcAsync(via, "delete_all", account.Signed(ClientSigns.DeleteAll("all", now), new()
        {
            ["namespace"] = "all",
            ["timestamp"] = now,
        })));

        // One signature over every hash, sorted together; "deleted" maps each namespace to its own sorted hashes.
        var all = Given.Sorted([.. zero.Select(m => m.Hash), one.Hash, minusTwenty.Hash]);
        foreach (var (node, entry) in Expect.Swarm(reply, net.Nodes))
        {
            var byNamespace = entry.GetProperty("deleted");
            Expect.Keys(byNamespace, "-20", "0", "1");
            Assert.Equal(Given.Sorted([.. zero.Select(m => m.Hash)]), Expect.Strings(byNamespace.GetProperty("0")));
            Assert.Equal([one.Hash], Expect.Strings(byNamespace.GetProperty("1")));
            Assert.Equal([minusTwenty.Hash], Expect.Strings(byNamespace.GetProperty("-20")));
            Expect.SignedBy(node, entry, NodeSigns.ByTime(account.Pubkey, now, all));
        }
        Assert.Empty(await net.HashesAsync(account, 1));
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task DeleteBeforeIncludesAMessageStampedExactlyThen(Via via)
    {
        // database.cpp delete_by_timestamp: "timestamp <= ?".
        using var account = SessionAccount.NewSessionId();
        var now = Clock.NowMs();
        var older = await net.StoreAsync(account, timestamp: now - 3_000);
        var newer = await net.StoreAsync(account, timestamp: now - 1_000);

        var reply = Expect.Json(await net.RpcAsync(via, "delete_before", account.Signed(ClientSigns.DeleteBefore(0, older.Timestamp), new()
        {
            ["before"] = older.Timestamp,
        })));

        Expect.Keys(reply, "hf", "swarm", "t");
        foreach (var (node, entry) in Expect.Swarm(reply, net.Nodes))
        {
            Expect.Keys(entry, "deleted", "signature");
            Assert.Equal([older.Hash], Expect.Strings(entry.GetProperty("deleted")));
            Expect.SignedBy(node, entry, NodeSigns.ByTime(account.Pubkey, older.Timestamp, [older.Hash]));
        }
        Assert.Equal([newer.Hash], await net.HashesAsync(account));
    }
}
