using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wisp.IntegrationTests.Conformance;

/// <summary>
/// <c>batch</c>, <c>sequence</c>, <c>ifelse</c>: request_handler.cpp <c>process_client_req(batch)</c>,
/// <c>(sequence)</c> (stops after the first non-2xx) and <c>(ifelse)</c>.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class BatchTests(ConformanceNetwork net)
{
    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task BatchAnswersEverySubrequestsCodeAndBody(Via via)
    {
        using var account = SessionAccount.NewSessionId();
        var requests = new JsonArray(Sub("info", new JsonObject()), Sub("retrieve", BadRetrieve(account)), Sub("get_swarm", new JsonObject { ["pubkey"] = account.Pubkey }));

        var reply = Expect.Json(await net.RpcAsync(via, "batch", new JsonObject { ["requests"] = requests }));

        // {"results": [{"code", "body"}…]} and nothing else; a text body is a string, a JSON body is JSON.
        Expect.Keys(reply, "results");
        var results = Results(reply);
        Assert.Equal([200, 401, 200], results.Select(r => r.GetProperty("code").GetInt32()));
        Assert.All(results, r => Expect.Keys(r, "body", "code"));
        Expect.Keys(results[0].GetProperty("body"), "hf", "t", "timestamp", "version");
        Assert.Equal("retrieve signature verification failed", results[1].GetProperty("body").GetString());
        Expect.Keys(results[2].GetProperty("body"), "hf", "snodes", "swarm", "t");
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task SequenceStopsAfterTheFirstFailure(Via via)
    {
        using var account = SessionAccount.NewSessionId();
        var requests = new JsonArray(Sub("info", new JsonObject()), Sub("retrieve", BadRetrieve(account)), Sub("info", new JsonObject()));

        var reply = Expect.Json(await net.RpcAsync(via, "sequence", new JsonObject { ["requests"] = requests }));

        Expect.Keys(reply, "results");
        Assert.Equal([200, 401], Results(reply).Select(r => r.GetProperty("code").GetInt32()));
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task SequenceRunsInOrderSoALaterRequestSeesAnEarlierStore(Via via)
    {
        using var account = SessionAccount.NewSessionId();
        var store = account.Unsigned(new() { ["timestamp"] = Clock.NowMs(), ["ttl"] = 60_000, ["data"] = "c2VxdWVuY2U=" });
        var requests = new JsonArray(Sub("store", store), Sub("retrieve", Given.Retrieve(account)));

        var reply = Expect.Json(await net.RpcAsync(via, "sequence", new JsonObject { ["requests"] = requests }));

        var results = Results(reply);
        Assert.Equal([200, 200], results.Select(r => r.GetProperty("code").GetInt32()));
        var stored = results[0].GetProperty("body").GetProperty("hash").GetString();
        Assert.Equal([stored], results[1].GetProperty("body").GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("hash").GetString()));
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task IfelseRunsTheThenBranchWhenTheConditionHolds(Via via)
    {
        using var account = SessionAccount.NewSessionId();
        var reply = Expect.Json(await net.RpcAsync(via, "ifelse", new JsonObject
        {
            ["if"] = new JsonObject { ["v_at_least"] = new JsonArray(2, 8, 0), ["hf_at_least"] = new JsonArray(19, 4) },
            ["then"] = Sub("info", new JsonObject()),
            ["else"] = Sub("get_swarm", new JsonObject { ["pubkey"] = account.Pubkey }),
        }));

        // {hf, v, height, condition, result: {code, body}}: no t.
        Expect.Keys(reply, "condition", "height", "hf", "result", "v");
        Expect.Hardfork(reply.GetProperty("hf"));
        Assert.Equal([2, 8, 0], reply.GetProperty("v").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(JsonValueKind.Number, reply.GetProperty("height").ValueKind);
        Assert.True(reply.GetProperty("condition").GetBoolean());
        Assert.Equal(200, reply.GetProperty("result").GetProperty("code").GetInt32());
        Expect.Keys(reply.GetProperty("result").GetProperty("body"), "hf", "t", "timestamp", "version");
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task IfelseRunsTheElseBranchWhenTheConditionFails(Via via)
    {
        using var account = SessionAccount.NewSessionId();
        var reply = Expect.Json(await net.RpcAsync(via, "ifelse", new JsonObject
        {
            ["if"] = new JsonObject { ["v_before"] = new JsonArray(2, 8, 0) },
            ["then"] = Sub("info", new JsonObject()),
            ["else"] = Sub("batch", new JsonObject { ["requests"] = new JsonArray(Sub("retrieve", BadRetrieve(account))) }),
        }));

        Assert.False(reply.GetProperty("condition").GetBoolean());
        var result = reply.GetProperty("result");
        Assert.Equal(200, result.GetProperty("code").GetInt32());
        var inner = Results(result.GetProperty("body"));
        Assert.Equal((401, "retrieve signature verification failed"), (inner[0].GetProperty("code").GetInt32(), inner[0].GetProperty("body").GetString()));
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task IfelseWithoutTheBranchTakenAnswersNoResult(Via via)
    {
        var reply = Expect.Json(await net.RpcAsync(via, "ifelse", new JsonObject
        {
            ["if"] = new JsonObject { ["hf_before"] = new JsonArray(19, 4) },
            ["then"] = Sub("info", new JsonObject()),
        }));

        Expect.Keys(reply, "condition", "height", "hf", "v");
        Assert.False(reply.GetProperty("condition").GetBoolean());
    }

    private static JsonObject Sub(string method, JsonObject parameters) => new() { ["method"] = method, ["params"] = parameters };

    private static JsonObject BadRetrieve(SessionAccount account)
    {
        var now = Clock.NowMs();
        return account.Signed("not the retrieve string"u8.ToArray(), new() { ["timestamp"] = now });
    }

    private static List<JsonElement> Results(JsonElement reply) => [.. reply.GetProperty("results").EnumerateArray()];
}
