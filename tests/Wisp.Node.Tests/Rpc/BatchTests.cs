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
        Assert.Equal("store: signature required to store to namespace 3", results[1].GetProperty("body").GetString());
        Assert.Equal(["results"], reply.Body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["body", "code"], results[0].EnumerateObject().Select(p => p.Name));
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

        reply.AssertText(400, "invalid request: Pubkey must be 66 hex digits (33 bytes) long");
        var read = await _node.CallAsync("retrieve", Retrieve(_account, 0, _node.Now));
        Assert.Equal(0, read.Body.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task Unknown_subrequest_methods_and_oversized_batches_are_400()
    {
        var unknown = await _node.CallAsync("batch", Requests(("launch", [])));
        unknown.AssertText(400, "invalid request: Invalid batch subrequest: invalid method \"launch\"");

        var tooMany = await _node.CallAsync("batch", Requests([.. Enumerable.Range(0, 21).Select(_ => ("info", new JsonObject()))]));
        tooMany.AssertText(400, "invalid request: Invalid batch request: subrequest limit exceeded");

        var nested = await _node.CallAsync("batch", Requests(("sequence", Requests(("info", [])))));
        nested.AssertText(400, "invalid request: Invalid batch subrequest: subrequests may not contain meta-requests");
    }

    [Fact]
    public async Task Ifelse_runs_the_branch_the_condition_picks_and_reports_what_it_tested()
    {
        var parameters = new JsonObject
        {
            ["if"] = new JsonObject { ["hf_at_least"] = new JsonArray(19, 4), ["v_before"] = new JsonArray(2, 9) },
            ["then"] = new JsonObject { ["method"] = "info", ["params"] = new JsonObject() },
            ["else"] = new JsonObject { ["method"] = "nothing_here", ["params"] = new JsonObject() },
        };
        var unknown = await _node.CallAsync("ifelse", parameters);
        unknown.AssertText(400, "invalid request: Invalid ifelse request method \"else\"");

        parameters.Remove("else");
        var reply = await _node.CallAsync("ifelse", parameters);
        Assert.Equal(200, reply.Status);
        Assert.Equal(["condition", "height", "hf", "result", "v"], reply.Body.EnumerateObject().Select(p => p.Name));
        Assert.True(reply.Body.GetProperty("condition").GetBoolean());
        Assert.Equal(0, reply.Body.GetProperty("height").GetInt64());
        Assert.Equal("[2,8,0]", reply.Body.GetProperty("v").GetRawText());
        Assert.Equal(200, reply.Body.GetProperty("result").GetProperty("code").GetInt32());

        parameters["if"] = new JsonObject { ["height_at_least"] = 1 };
        var skipped = await _node.CallAsync("ifelse", parameters);
        Assert.False(skipped.Body.GetProperty("condition").GetBoolean());
        Assert.False(skipped.Body.TryGetProperty("result", out _));
    }

    private static JsonObject Requests(params (string Method, JsonObject Params)[] requests) => new()
    {
        ["requests"] = new JsonArray([.. requests.Select(r => (JsonNode)new JsonObject { ["method"] = r.Method, ["params"] = r.Params })]),
    };
}
