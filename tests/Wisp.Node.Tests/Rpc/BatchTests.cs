using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Node.Tests.Rpc.Support;
using Wisp.Testing;
using static Wisp.Testing.SignedRequests;

namespace Wisp.Node.Tests.Rpc;

public sealed class BatchTests : IAsyncLifetime
{
    private RpcTestNode _node = null!;
    private readonly Ed25519KeyPair _account = Ed25519KeyPair.Generate();

    public async ValueTask InitializeAsync() => _node = await RpcTestNode.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _account.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Batch_runs_every_subrequest_and_reports_each()
    {
        var reply = await _node.CallAsync("batch", Requests(
            ("store", Store(_account, 0, "a"u8.ToArray(), _node.Now, 60_000, signed: false)),
            ("store", Store(_account, 3, "b"u8.ToArray(), _node.Now, 60_000, signed: false)),
            ("retrieve", Retrieve(_account, 0, _node.Now))));

        Assert.Equal(200, reply.Status);
        var results = reply.Body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([200, 401, 200], results.Select(r => r.GetProperty("code").GetInt32()));
        Assert.Contains("accepts only messages signed", results[1].GetProperty("body").GetProperty("error").GetString());
        Assert.Equal(1, results[2].GetProperty("body").GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task Sequence_stops_after_the_first_failure()
    {
        var reply = await _node.CallAsync("sequence", Requests(
            ("store", Store(_account, 0, "a"u8.ToArray(), _node.Now, 60_000, signed: false)),
            ("store", Store(_account, 3, "b"u8.ToArray(), _node.Now, 60_000, signed: false)),
            ("store", Store(_account, 0, "c"u8.ToArray(), _node.Now, 60_000, signed: false))));

        var results = reply.Body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([200, 401], results.Select(r => r.GetProperty("code").GetInt32()));
        var read = await _node.CallAsync("retrieve", Retrieve(_account, 0, _node.Now));
        Assert.Equal(1, read.Body.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task A_malformed_subrequest_fails_the_whole_batch_before_anything_runs()
    {
        var reply = await _node.CallAsync("batch", Requests(
            ("store", Store(_account, 0, "a"u8.ToArray(), _node.Now, 60_000, signed: false)),
            ("retrieve", new JsonObject { ["pubkey"] = "05zz" })));

        Assert.Equal(400, reply.Status);
        Assert.StartsWith("params.requests[1] (retrieve): params.pubkey must be 66 hex characters", reply.Error);
        var read = await _node.CallAsync("retrieve", Retrieve(_account, 0, _node.Now));
        Assert.Equal(0, read.Body.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task Unknown_subrequest_methods_and_oversized_batches_are_400()
    {
        var unknown = await _node.CallAsync("batch", Requests(("launch", [])));
        Assert.Equal(400, unknown.Status);
        Assert.Contains("params.requests[0] (launch): unknown method", unknown.Error);

        var tooMany = await _node.CallAsync("batch", Requests([.. Enumerable.Range(0, 21).Select(_ => ("info", new JsonObject()))]));
        Assert.Equal(400, tooMany.Status);
        Assert.Contains("at most 20", tooMany.Error);
    }

    private static JsonObject Requests(params (string Method, JsonObject Params)[] requests) => new()
    {
        ["requests"] = new JsonArray([.. requests.Select(r => (JsonNode)new JsonObject { ["method"] = r.Method, ["params"] = r.Params })]),
    };
}
