using System.Text.Json.Nodes;

namespace Wisp.IntegrationTests.Conformance;

/// <summary>
/// <c>expire</c>, <c>expire_all</c>, <c>get_expiries</c>: request_handler.cpp <c>process_client_req(expire_msgs)</c>
/// (expiries capped at now + 30 days; <c>unchanged</c> only with shorten/extend; per-message expiries answer an
/// array), <c>process_client_req(expire_all)</c> (only shortens) and <c>process_client_req(get_expiries)</c>.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class ExpireTests(ConformanceNetwork net)
{
    private const long Hour = 3_600_000;

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task ExpireSetsTheExpiryAndEachMemberSignsIt(Via via)
    {
        using var account = SessionAccount.NewSessionId();
        var message = await net.StoreAsync(account, ttl: Hour);
        var expiry = Clock.NowMs() + (2 * Hour);
        var before = Clock.NowMs();

        var reply = Expect.Json(await net.RpcAsync(via, "expire", Expire(account, "", [expiry], message.Hash)));

        Expect.Keys(reply, "hf", "swarm", "t");
        Expect.MiscFields(reply, before);
        foreach (var (node, entry) in Expect.Swarm(reply, net.Nodes))
        {
            Expect.Keys(entry, "expiry", "signature", "updated");
            Assert.Equal(expiry, entry.GetProperty("expiry").GetInt64());
            Assert.Equal([message.Hash], Expect.Strings(entry.GetProperty("updated")));
            Expect.SignedBy(node, entry, NodeSigns.Expired(account.Pubkey, [expiry], [message.Hash], [message.Hash], []));
        }
        Assert.Equal(expiry, (await net.ExpiriesAsync(account, message.Hash))[message.Hash]);
    }

    [Theory]
    [InlineData(Via.Https, "extend")]
    [InlineData(Via.Onion, "extend")]
    [InlineData(Via.Https, "shorten")]
    [InlineData(Via.Onion, "shorten")]
    public async Task ExtendOrShortenOnlyListsTheOthersAsUnchanged(Via via, string mode)
    {
        using var account = SessionAccount.NewSessionId();
        var soon = await net.StoreAsync(account, ttl: Hour);
        var late = await net.StoreAsync(account, ttl: 3 * Hour);
        var expiry = Clock.NowMs() + (2 * Hour);
        string[] requested = [soon.Hash, late.Hash];

        var reply = Expect.Json(await net.RpcAsync(via, "expire", Expire(account, mode, [expiry], requested)));

        var (updated, unchanged) = mode == "extend" ? (soon, late) : (late, soon);
        foreach (var (node, entry) in Expect.Swarm(reply, net.Nodes))
        {
            Expect.Keys(entry, "expiry", "signature", "unchanged", "updated");
            Assert.Equal([updated.Hash], Expect.Strings(entry.GetProperty("updated")));
            Assert.Equal(new Dictionary<string, long> { [unchanged.Hash] = unchanged.Expiry }, Given.Numbers(entry.GetProperty("unchanged")));
            Expect.SignedBy(node, entry, NodeSigns.Expired(account.Pubkey, [expiry], requested, [updated.Hash], [(unchanged.Hash, unchanged.Expiry)]));
        }
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task PerMessageExpiriesAnswerTheAppliedOnesInTheOrderOfUpdated(Via via)
    {
        using var account = SessionAccount.NewSessionId();
        var a = await net.StoreAsync(account, ttl: Hour);
        var b = await net.StoreAsync(account, ttl: Hour);
        var now = Clock.NowMs();
        var wanted = new Dictionary<string, long> { [a.Hash] = now + (2 * Hour), [b.Hash] = now + (5 * Hour) };
        string[] requested = [a.Hash, b.Hash];

        var reply = Expect.Json(await net.RpcAsync(via, "expire", Expire(account, "", [wanted[a.Hash], wanted[b.Hash]], requested)));

        // "expiry" becomes an array matching "updated" (sorted), and the signature covers those expiries.
        var updated = Given.Sorted(requested);
        long[] applied = [.. updated.Select(h => wanted[h])];
        foreach (var (node, entry) in Expect.Swarm(reply, net.Nodes))
        {
            Expect.Keys(entry, "expiry", "signature", "updated");
            Assert.Equal(updated, Expect.Strings(entry.GetProperty("updated")));
            Assert.Equal(applied, entry.GetProperty("expiry").EnumerateArray().Select(e => e.GetInt64()));
            Expect.SignedBy(node, entry, NodeSigns.Expired(account.Pubkey, applied, requested, updated, []));
        }
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task AnExpiryPastThirtyDaysIsCutToThirtyDaysFromNow(Via via)
    {
        using var account = SessionAccount.NewSessionId();
        var message = await net.StoreAsync(account, ttl: Hour);
        const long ThirtyDays = 30 * 24 * Hour;
        var before = Clock.NowMs();

        var reply = Expect.Json(await net.RpcAsync(via, "expire", Expire(account, "", [before + (40 * 24 * Hour)], message.Hash)));

        var after = Clock.NowMs();
        foreach (var (node, entry) in Expect.Swarm(reply, net.Nodes))
        {
            var applied = entry.GetProperty("expiry").GetInt64();
            Assert.InRange(applied, before + ThirtyDays, after + ThirtyDays);
            Expect.SignedBy(node, entry, NodeSigns.Expired(account.Pubkey, [applied], [message.Hash], [message.Hash], []));
        }
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task ExpireAllOnlyShortensLongerExpiries(Via via)
    {
        using var account = SessionAccount.NewSessionId();
        var shortLived = await net.StoreAsync(account, ttl: 5 * 60_000);
        var longLived = await net.StoreAsync(account, ttl: Hour);
        var expiry = Clock.NowMs() + (10 * 60_000);

        var reply = Expect.Json(await net.RpcAsync(via, "expire_all", account.Signed(ClientSigns.ExpireAll(0, expiry), new() { ["expiry"] = expiry })));

        Expect.Keys(reply, "hf", "swarm", "t");
        foreach (var (node, entry) in Expect.Swarm(reply, net.Nodes))
        {
            Expect.Keys(entry, "signature", "updated");
            Assert.Equal([longLived.Hash], Expect.Strings(entry.GetProperty("updated")));
            Expect.SignedBy(node, entry, NodeSigns.ByTime(account.Pubkey, expiry, [longLived.Hash]));
        }
        Assert.Equal(new Dictionary<string, long> { [shortLived.Hash] = shortLived.Expiry, [longLived.Hash] = expiry },
            await net.ExpiriesAsync(account, shortLived.Hash, longLived.Hash));
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task ExpireAllOfAllNamespacesAnswersTheHashesByNamespace(Via via)
    {
        using var account = SessionAccount.NewSessionId();
        var zero = await net.StoreAsync(account, ttl: Hour);
        var one = await net.StoreAsync(account, ns: 1, ttl: Hour);
        var expiry = Clock.NowMs() + (10 * 60_000);

        var reply = Expect.Json(await net.RpcAsync(via, "expire_all", account.Signed(ClientSigns.ExpireAll("all", expiry), new()
        {
            ["namespace"] = "all",
            ["expiry"] = expiry,
        })));

        foreach (var (node, entry) in Expect.Swarm(reply, net.Nodes))
        {
            var byNamespace = entry.GetProperty("updated");
            Expect.Keys(byNamespace, "0", "1");
            Assert.Equal([zero.Hash], Expect.Strings(byNamespace.GetProperty("0")));
            Assert.Equal([one.Hash], Expect.Strings(byNamespace.GetProperty("1")));
            Expect.SignedBy(node, entry, NodeSigns.ByTime(account.Pubkey, expiry, Given.Sorted(zero.Hash, one.Hash)));
        }
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task GetExpiriesAnswersOnlyTheExpiriesOfMessagesThatExist(Via via)
    {
        using var account = SessionAccount.NewSessionId();
        var message = await net.StoreAsync(account, ttl: Hour);
        var absent = Convert.ToBase64String(new byte[32]).TrimEnd('=');
        var now = Clock.NowMs();

        var reply = Expect.Json(await net.RpcAsync(via, "get_expiries", account.Signed(ClientSigns.GetExpiries(now, message.Hash, absent), new()
        {
            ["timestamp"] = now,
            ["messages"] = new JsonArray(message.Hash, absent),
        })));

        // No t, no hf: process_client_req(get_expiries) does not call add_misc_response_fields.
        Expect.Keys(reply, "expiries");
        Assert.Equal(new Dictionary<string, long> { [message.Hash] = message.Expiry }, Given.Numbers(reply.GetProperty("expiries")));
    }

    /// <summary>The params of an <c>expire</c>: one expiry is sent as a number, several as an array.</summary>
    internal static JsonObject Expire(SessionAccount account, string mode, long[] expiries, params string[] hashes)
    {
        var fields = new JsonObject
        {
            ["messages"] = Given.Array(hashes),
            ["expiry"] = expiries.Length == 1 ? expiries[0] : Given.Array(expiries),
        };
        if (mode != "")
            fields[mode] = true;
        return account.Signed(ClientSigns.Expire(mode, expiries, hashes), fields);
    }
}
