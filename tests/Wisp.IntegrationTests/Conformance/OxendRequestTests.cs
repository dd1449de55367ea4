using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wisp.IntegrationTests.Conformance;

/// <summary>
/// <c>oxend_request</c> as Session's clients send it (request_handler.cpp <c>process_client_req(oxend_request)</c>: oxend's
/// result wrapped as <c>{"result"}</c> + add_misc_response_fields, or 400 with oxend's error text), with the
/// <c>get_service_nodes</c> params Session Desktop and libsession send.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class OxendRequestTests(ConformanceNetwork net)
{
    /// <summary>
    /// get_service_nodes params oxend refuses (oxen-core core_rpc_server_command_parser.cpp parse_request(GET_SERVICE_NODES),
    /// param_parser.hpp load_value), with its prefixes: rpc_command.h make_invoke, omq_server.cpp.
    /// </summary>
    private static readonly (string Params, string Error)[] Errors =
    [
        ("""{"active_only":"yes"}""", "Invalid value for 'active_only': expected boolean"),
        ("""{"limit":2.5}""", "Invalid value for 'limit': value is not an integer"),
        ("""{"limit":4294967296}""", "Invalid value for 'limit': value is too large"),
        ("""{"fields":5}""", "Invalid values in 'fields'"),
        ("""{"fields":{"public_ip":"yes"}}""", "[json.exception.type_error.302] type must be boolean, but is string"),
        ("""{"service_node_pubkeys":["beef"]}""", "Invalid values in 'service_node_pubkeys'"),
    ];

    public static TheoryData<Via, string, string> AllErrors()
    {
        var data = new TheoryData<Via, string, string>();
        foreach (var via in new[] { Via.Https, Via.Onion })
        {
            foreach (var (parameters, error) in Errors)
                data.Add(via, parameters, error);
        }
        return data;
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task SessionDesktopsPoolRequestListsEveryNodeWithTheFourFieldsItAsksFor(Via via)
    {
        var before = Clock.NowMs();
        // session-desktop GetServiceNodesSubRequest: active_only, fields as the deprecated {"name": true} object.
        var fields = new JsonObject { ["public_ip"] = true, ["storage_port"] = true, ["pubkey_x25519"] = true, ["pubkey_ed25519"] = true };

        var reply = Expect.Json(await net.RpcAsync(via, "oxend_request", ServiceNodes(new() { ["active_only"] = true, ["fields"] = fields })));

        Expect.Keys(reply, "hf", "result", "t");
        Expect.MiscFields(reply, before);
        var result = reply.GetProperty("result");
        Expect.Keys(result, "service_node_states", "status");
        Assert.Equal("OK", result.GetProperty("status").GetString());
        var states = result.GetProperty("service_node_states").EnumerateArray().ToList();
        Assert.Equal(net.Nodes.Select(n => n.Ed25519.ToHex()).Order(), states.Select(s => s.GetProperty("pubkey_ed25519").GetString()).Order());
        foreach (var state in states)
        {
            Expect.Keys(state, "public_ip", "pubkey_ed25519", "pubkey_x25519", "storage_port");
            var node = net.Nodes.Single(n => n.Ed25519.ToHex() == state.GetProperty("pubkey_ed25519").GetString());
            Assert.Equal(node.X25519.ToHex(), state.GetProperty("pubkey_x25519").GetString());
            Assert.Equal(node.Url.Host, state.GetProperty("public_ip").GetString());
            Assert.Equal(node.Url.Port, state.GetProperty("storage_port").GetInt32());
        }
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task LibsessionsPoolRequestHonoursItsLimitAndFields(Via via)
    {
        // libsession Network::get_service_nodes: fields public_ip, pubkey_ed25519, storage_lmq_port, and a limit.
        var fields = new JsonObject { ["public_ip"] = true, ["pubkey_ed25519"] = true, ["storage_lmq_port"] = true };

        var reply = Expect.Json(await net.RpcAsync(via, "oxend_request", ServiceNodes(new() { ["active_only"] = true, ["fields"] = fields, ["limit"] = 3 })));

        var states = reply.GetProperty("result").GetProperty("service_node_states").EnumerateArray().ToList();
        Assert.Equal(3, states.Select(s => s.GetProperty("pubkey_ed25519").GetString()).Distinct().Count());
        foreach (var state in states)
        {
            Expect.Keys(state, "public_ip", "pubkey_ed25519", "storage_lmq_port");
            Assert.Contains(state.GetProperty("pubkey_ed25519").GetString(), net.Nodes.Select(n => n.Ed25519.ToHex()));
            Assert.Equal(JsonValueKind.Number, state.GetProperty("storage_lmq_port").ValueKind);
        }
    }

    [Fact]
    public async Task WithoutParamsEveryTopLevelFieldOfOxendIsThereAndEachNodeCarriesItsSwarm()
    {
        var swarm = Expect.Json(await net.RpcAsync(Via.Https, "get_swarm", new JsonObject { ["pubkey"] = "05" + new string('a', 64) }));

        var reply = Expect.Json(await net.RpcAsync(Via.Https, "oxend_request", new JsonObject { ["endpoint"] = "get_service_nodes" }));

        // core_rpc_server.cpp invoke(GET_SERVICE_NODES): height, target_height, hardfork, snode_revision, block_hash, status.
        var result = reply.GetProperty("result");
        Expect.Keys(result, "block_hash", "hardfork", "height", "service_node_states", "snode_revision", "status", "target_height");
        Assert.Matches("^[0-9a-f]{64}$", result.GetProperty("block_hash").GetString()!);
        Assert.Equal(reply.GetProperty("hf")[0].GetInt32(), result.GetProperty("hardfork").GetInt32());
        foreach (var state in result.GetProperty("service_node_states").EnumerateArray())
        {
            Assert.Equal(swarm.GetProperty("swarm").GetString(), state.GetProperty("swarm").GetString());
            Assert.Equal(state.GetProperty("pubkey_ed25519").GetString(), state.GetProperty("service_node_pubkey").GetString());
            Assert.True(state.GetProperty("active").GetBoolean());
        }
    }

    [Theory]
    [MemberData(nameof(AllErrors))]
    public async Task ParamsOxendCannotReadAre400WithItsText(Via via, string parameters, string error)
    {
        var body = """{"method":"oxend_request","params":{"endpoint":"get_service_nodes","params":""" + parameters + "}}";

        Expect.Text(await net.CallAsync(via, body), 400, "Unable to parse request: Failed to parse request parameters: " + error);
    }

    [Theory]
    [InlineData(Via.Https)]
    [InlineData(Via.Onion)]
    public async Task OnsResolveIs400WithTheReasonAsText(Via via)
    {
        // session-desktop OnsResolveSubRequest; Wisp has no name system, so it answers as Session does when oxend fails.
        var answer = await net.RpcAsync(via, "oxend_request", new JsonObject
        {
            ["endpoint"] = "ons_resolve",
            ["params"] = new JsonObject { ["type"] = 0, ["name_hash"] = Convert.ToBase64String(new byte[32]) },
        });

        Assert.Equal(400, answer.Status);
        Assert.Contains("ons_resolve", answer.Body, StringComparison.Ordinal);
        if (!answer.Onion)
            Assert.Equal("text/plain", answer.MediaType);
    }

    [Fact]
    public async Task InABatchItIsASubrequestLikeAnyOther()
    {
        var reply = Expect.Json(await net.RpcAsync(Via.Https, "batch", new JsonObject
        {
            ["requests"] = new JsonArray(
                new JsonObject { ["method"] = "oxend_request", ["params"] = ServiceNodes(new() { ["fields"] = new JsonArray("pubkey_ed25519") }) },
                new JsonObject { ["method"] = "oxend_request", ["params"] = new JsonObject { ["endpoint"] = "ons_resolve" } }),
        }));

        var results = reply.GetProperty("results");
        Assert.Equal(200, results[0].GetProperty("code").GetInt32());
        Assert.Equal(net.Nodes.Count, results[0].GetProperty("body").GetProperty("result").GetProperty("service_node_states").GetArrayLength());
        Assert.Equal(400, results[1].GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.String, results[1].GetProperty("body").ValueKind);
    }

    private static JsonObject ServiceNodes(JsonObject parameters) => new() { ["endpoint"] = "get_service_nodes", ["params"] = parameters };
}
