using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wisp.IntegrationTests.Conformance;

/// <summary>
/// <c>retrieve</c>: request_handler.cpp <c>process_client_req(retrieve)</c> and storage/database.cpp
/// <c>Database::retrieve</c> (each message counts 100 + hash length + data × 4 / 3 bytes against <c>max_size</c>; at
/// least one message always comes back).
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class RetrieveTests(ConformanceNetwork net)
{
    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task RetrieveAnswersEachMessageAsSessionDoes(Via via)
    {
        using var account = SessionAccount.NewSessionId();
        var stored = new[] { await net.StoreAsync(account), await net.StoreAsync(account, ttl: 7_200_000), await net.StoreAsync(account) };
        var before = Clock.NowMs();

        var reply = Expect.Json(await net.RpcAsync(via, "retrieve", Given.Retrieve(account)));

        Expect.Keys(reply, "hf", "messages", "more", "t");
        Expect.MiscFields(reply, before);
        Assert.False(reply.GetProperty("more").GetBoolean());
        var messages = reply.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(stored.Length, messages.Count);
        foreach (var (message, expected) in messages.Zip(stored))
        {
            // Note "expiration", not "expiry".
            Expect.Keys(message, "data", "expiration", "hash", "timestamp");
            Assert.Equal(expected.Hash, message.GetProperty("hash").GetString());
            Assert.Equal(expected.Timestamp, message.GetProperty("timestamp").GetInt64());
            Assert.Equal(expected.Expiry, message.GetProperty("expiration").GetInt64());
            Assert.Equal(Convert.ToBase64String(expected.Data), message.GetProperty("data").GetString());
        }
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task LastHashReturnsOnlyWhatCameAfterIt(Via via)
    {
        using var account = SessionAccount.NewSessionId();
        var first = await net.StoreAsync(account);
        var second = await net.StoreAsync(account);
        var third = await net.StoreAsync(account);

        var afterFirst = await HashesAsync(via, account, new() { ["last_hash"] = first.Hash });
        var afterThird = await HashesAsync(via, account, new() { ["lastHash"] = third.Hash });
        var emptyIsAbsent = await HashesAsync(via, account, new() { ["last_hash"] = "" });

        Assert.Equal([second.Hash, third.Hash], afterFirst.Hashes);
        Assert.Empty(afterThird.Hashes);
        Assert.Equal([first.Hash, second.Hash, third.Hash], emptyIsAbsent.Hashes);
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task MaxCountLimitsTheMessagesAndSetsMore(Via via)
    {
        using var account = SessionAccount.NewSessionId();
        var stored = new[] { await net.StoreAsync(account), await net.StoreAsync(account), await net.StoreAsync(account) };

        var two = await HashesAsync(via, account, new() { ["max_count"] = 2 });
        var three = await HashesAsync(via, account, new() { ["max_count"] = 3 });
        var zeroIsUnlimited = await HashesAsync(via, account, new() { ["max_count"] = 0 });

        Page([stored[0].Hash, stored[1].Hash], more: true, two);
        Page([.. stored.Select(s => s.Hash)], more: false, three);
        Page([.. stored.Select(s => s.Hash)], more: false, zeroIsUnlimited);
    }

    [Theory]
    [InlineData(Via.Https, 1_629, 3, false)]
    [InlineData(Via.Https, 1_628, 2, true)]
    [InlineData(Via.Https, 1_086, 2, true)]
    [InlineData(Via.Https, 1_085, 1, true)]
    [InlineData(Via.Https, 1, 1, true)]
    [InlineData(Via.Onion, 1_086, 2, true)]
    [InlineData(Via.Onion, 1_085, 1, true)]
    public async Task MaxSizeCountsAHundredPlusTheHashPlusFourThirdsOfTheData(Via via, int maxSize, int count, bool more)
    {
        // Three 300-byte messages cost 100 + 43 + 400 = 543 bytes each: 1,086 for two, 1,629 for three.
        using var account = SessionAccount.NewSessionId();
        var stored = new[] { await net.StoreAsync(account, size: 300), await net.StoreAsync(account, size: 300), await net.StoreAsync(account, size: 300) };

        var answer = await HashesAsync(via, account, new() { ["max_size"] = maxSize });

        Page([.. stored.Take(count).Select(s => s.Hash)], more, answer);
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task TheLegacyClosedGroupNamespaceIsReadWithoutASignature(Via via)
    {
        // namespace.h is_noauth_retrieve_namespace(-10); -10 is also a public inbox, so the store needs none either.
        using var account = SessionAccount.NewSessionId();
        var stored = await net.StoreAsync(account, ns: -10);

        var reply = Expect.Json(await net.RpcAsync(via, "retrieve", new JsonObject { ["pubkey"] = account.Pubkey, ["namespace"] = -10 }));

        Assert.Equal([stored.Hash], reply.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("hash").GetString()));
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task AWaitingRetrieveWithMessagesAnswersExactlyWhatAPlainOneAnswers(Via via)
    {
        // wisp_wait_ms is Wisp's extension; with messages waiting it must change nothing a Session client sees.
        using var account = SessionAccount.NewSessionId();
        await net.StoreAsync(account);
        await net.StoreAsync(account);

        var plain = Expect.Json(await net.RpcAsync(via, "retrieve", Given.Retrieve(account)));
        var waiting = Expect.Json(await net.RpcAsync(via, "retrieve", Given.Retrieve(account, extra: new() { ["wisp_wait_ms"] = 2_000 })));

        Expect.Keys(waiting, "hf", "messages", "more", "t");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(plain.GetProperty("messages").GetRawText()), JsonNode.Parse(waiting.GetProperty("messages").GetRawText())),
            $"{plain.GetRawText()} vs {waiting.GetRawText()}");
        Assert.Equal(plain.GetProperty("more").GetBoolean(), waiting.GetProperty("more").GetBoolean());
    }

    private static void Page(string[] hashes, bool more, (string[] Hashes, bool More) answer)
    {
        Assert.Equal(hashes, answer.Hashes);
        Assert.True(more == answer.More, $"expected more: {more}, got {answer.More} with {answer.Hashes.Length} messages");
    }

    private async Task<(string[] Hashes, bool More)> HashesAsync(Via via, SessionAccount account, JsonObject extra)
    {
        var reply = Expect.Json(await net.RpcAsync(via, "retrieve", Given.Retrieve(account, extra: extra)));
        return ([.. reply.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("hash").GetString()!)], reply.GetProperty("more").GetBoolean());
    }
}
