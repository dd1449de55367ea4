using System.Text.Json.Nodes;

namespace Wisp.IntegrationTests.Conformance;

/// <summary><c>store</c>: request_handler.cpp <c>process_client_req(store)</c>, client_rpc_endpoints.cpp <c>load(store&amp;)</c>.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class StoreTests(ConformanceNetwork net)
{
    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task StoreAnswersTheHashAndEveryMembersSignedReceipt(Via via)
    {
        using var account = SessionAccount.NewSessionId();
        var data = "a message for the swarm"u8.ToArray();
        var now = Clock.NowMs();

        var reply = Expect.Json(await net.RpcAsync(via, "store", account.Unsigned(new()
        {
            ["timestamp"] = now,
            ["ttl"] = 3_600_000,
            ["data"] = Convert.ToBase64String(data),
        })));

        // The entry router's reply: swarm results, the hash again at the top (backwards compatibility), t and hf.
        Expect.Keys(reply, "hash", "hf", "swarm", "t");
        Expect.MiscFields(reply, now);
        var hash = reply.GetProperty("hash").GetString()!;
        Assert.Equal(MessageHash.Of(account.PubkeyBytes, 0, data), hash);
        foreach (var (node, entry) in Expect.Swarm(reply, net.Nodes))
        {
            Assert.Equal(hash, entry.GetProperty("hash").GetString());
            Assert.Equal(now + 3_600_000, entry.GetProperty("expiry").GetInt64());
            Assert.False(entry.TryGetProperty("already", out _), $"{node.Name} says already: {entry.GetRawText()}");
            Expect.SignedBy(node, entry, NodeSigns.Stored(hash));
        }
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task StoringTheSameMessageAgainIsAlreadyAndStillSigned(Via via)
    {
        using var account = SessionAccount.NewSessionId();
        var first = await net.StoreAsync(account);

        var reply = Expect.Json(await net.RpcAsync(via, "store", account.Unsigned(new()
        {
            ["timestamp"] = first.Timestamp,
            ["ttl"] = 3_600_000,
            ["data"] = Convert.ToBase64String(first.Data),
        })));

        Assert.Equal(first.Hash, reply.GetProperty("hash").GetString());
        foreach (var (node, entry) in Expect.Swarm(reply, net.Nodes))
        {
            Assert.True(entry.GetProperty("already").GetBoolean(), $"{node.Name}: {entry.GetRawText()}");
            Expect.SignedBy(node, entry, NodeSigns.Stored(first.Hash));
        }
        Assert.Equal([first.Hash], await net.HashesAsync(account));
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task TheHashOfSessionsPublishedMessageIsSessionsHash(Via via)
    {
        // unit_test/service_node.cpp "service nodes - message hashing" (Vectors/session-storage-server).
        var vector = Expect.Json(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Conformance", "Vectors", "session-storage-server", "message_hash.json")), "the vector");

        var reply = Expect.Json(await net.RpcAsync(via, "store", new JsonObject
        {
            ["pubkey"] = vector.GetProperty("pubkey").GetString(),
            ["timestamp"] = Clock.NowMs(),
            ["ttl"] = 60_000,
            ["data"] = vector.GetProperty("data_base64").GetString(),
        }));

        Assert.Equal(vector.GetProperty("hash").GetString(), reply.GetProperty("hash").GetString());
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task TimestampAndTtlMayBeStringsAndExpiryMayReplaceTtl(Via via)
    {
        using var account = SessionAccount.NewSessionId();
        var now = Clock.NowMs();

        // load(store&): timestamp and ttl are "special snowflakes" accepted as stringified integers; expiry is absolute.
        var stringly = Expect.Json(await net.RpcAsync(via, "store", account.Unsigned(new()
        {
            ["timestamp"] = now.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ttl"] = "120000",
            ["data"] = "b25l",
        })));
        var absolute = Expect.Json(await net.RpcAsync(via, "store", account.Unsigned(new()
        {
            ["timestamp"] = now,
            ["expiry"] = now + 240_000,
            ["data"] = "dHdv",
        })));

        Assert.All(Expect.Swarm(stringly, net.Nodes), e => Assert.Equal(now + 120_000, e.Entry.GetProperty("expiry").GetInt64()));
        Assert.All(Expect.Swarm(absolute, net.Nodes), e => Assert.Equal(now + 240_000, e.Entry.GetProperty("expiry").GetInt64()));
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task ASignedStoreInAPrivateNamespaceMayLive30Days(Via via)
    {
        // TTL_MAXIMUM_PRIVATE (30 days) outside the public namespaces; the namespace is part of the hash.
        using var account = SessionAccount.NewSessionId();
        var now = Clock.NowMs();
        var data = "private"u8.ToArray();
        const long ttl = 30L * 24 * 3_600_000;

        var reply = Expect.Json(await net.RpcAsync(via, "store", account.Signed(ClientSigns.Store(1, now), new()
        {
            ["namespace"] = 1,
            ["timestamp"] = now,
            ["ttl"] = ttl,
            ["data"] = Convert.ToBase64String(data),
        })));

        Assert.Equal(MessageHash.Of(account.PubkeyBytes, 1, data), reply.GetProperty("hash").GetString());
        Assert.All(Expect.Swarm(reply, net.Nodes), e => Assert.Equal(now + ttl, e.Entry.GetProperty("expiry").GetInt64()));
        Assert.Equal([reply.GetProperty("hash").GetString()!], await net.HashesAsync(account, 1));
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task AStoreSignedWithSigTimestampUsesItForTheSignature(Via via)
    {
        // sig_timestamp, when given, is what the signature covers (and what must be within 60 s).
        using var account = SessionAccount.NewSessionId();
        var now = Clock.NowMs();
        var messageTime = now - 5_000;

        var answer = await net.RpcAsync(via, "store", account.Signed(ClientSigns.Store(3, now), new()
        {
            ["namespace"] = 3,
            ["timestamp"] = messageTime,
            ["sig_timestamp"] = now,
            ["ttl"] = 60_000,
            ["data"] = "c2lnX3Rz",
        }));

        var reply = Expect.Json(answer);
        Assert.All(Expect.Swarm(reply, net.Nodes), e => Assert.Equal(messageTime + 60_000, e.Entry.GetProperty("expiry").GetInt64()));
    }
}
