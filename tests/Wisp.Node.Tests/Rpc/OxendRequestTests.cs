using System.Text.Json;
using System.Text.Json.Nodes;
using Wisp.Crypto.Keys;
using Wisp.Node.Rpc;
using Wisp.Node.Tests.Rpc.Support;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Tests.Rpc;

/// <summary>
/// <c>oxend_request</c>: <c>get_service_nodes</c> answered from the node's listing in oxend's format, wrapped as
/// Session's storage server wraps it; oxend's parameter errors and <c>ons_resolve</c> as 400 text.
/// </summary>
public sealed class OxendRequestTests
{
    private static readonly JsonObject DesktopFields = new()
    {
        ["public_ip"] = true,
        ["storage_port"] = true,
        ["pubkey_x25519"] = true,
        ["pubkey_ed25519"] = true,
    };

    [Fact]
    public async Task A_lone_node_lists_itself_with_the_fields_session_desktop_asks_for()
    {
        await using var node = await RpcTestNode.StartAsync();

        var reply = await node.CallAsync("oxend_request", ServiceNodes(new JsonObject { ["active_only"] = true, ["fields"] = DesktopFields.DeepClone() }));

        Assert.Equal(200, reply.Status);
        Assert.Equal("application/json", reply.ContentType);
        var x25519 = node.Identity.Keys.X25519PublicKey.ToHex();
        Assert.Equal(
            $$"""{"hf":[19,4],"result":{"service_node_states":[{"public_ip":"127.0.0.1","pubkey_ed25519":"{{node.NodeKeyHex}}","pubkey_x25519":"{{x25519}}","storage_port":{{node.Identity.Port}}}],"status":"OK"},"t":{{node.Now}}}""",
            reply.Text);
    }

    [Fact]
    public async Task Without_fields_every_field_is_returned_with_the_registry_standing_in_for_the_chain()
    {
        await using var node = await RpcTestNode.StartAsync(_ => new ListedDirectory(3));

        var reply = await node.CallAsync("oxend_request", new JsonObject { ["endpoint"] = "get_service_nodes" });

        var result = reply.Body.GetProperty("result");
        Assert.Equal(["block_hash", "hardfork", "height", "service_node_states", "snode_revision", "status", "target_height"],
            result.EnumerateObject().Select(p => p.Name));
        Assert.Equal(ListedDirectory.Hash, result.GetProperty("block_hash").GetString());
        Assert.Equal((19, 4), (result.GetProperty("hardfork").GetInt32(), result.GetProperty("snode_revision").GetInt32()));
        Assert.Equal((7, 8), (result.GetProperty("height").GetInt64(), result.GetProperty("target_height").GetInt64()));
        var first = result.GetProperty("service_node_states")[0];
        var listed = ListedDirectory.Nodes[0];
        Assert.Equal(
            $$"""{"active":true,"funded":true,"public_ip":"10.0.0.1","pubkey_ed25519":"{{listed.Ed25519.ToHex()}}","pubkey_x25519":"{{listed.X25519.ToHex()}}","registration_height":1,"service_node_pubkey":"{{listed.Ed25519.ToHex()}}","storage_lmq_port":0,"storage_port":20001,"storage_server_version":[2,8,0],"swarm":"2a","swarm_id":42}""",
            first.GetRawText());
        // A node in no swarm carries oxend's unassigned id.
        Assert.Equal("ffffffffffffffff", result.GetProperty("service_node_states")[2].GetProperty("swarm").GetString());
    }

    [Fact]
    public async Task Fields_as_a_list_keep_only_those_keys_and_all_minus_one_drops_it()
    {
        await using var node = await RpcTestNode.StartAsync(_ => new ListedDirectory(2));

        var listed = await node.CallAsync("oxend_request", ServiceNodes(new JsonObject { ["fields"] = new JsonArray("height", "swarm_id") }));
        var allButSwarm = await node.CallAsync("oxend_request", ServiceNodes(new JsonObject { ["fields"] = new JsonArray("all", "-swarm", "-height") }));

        Assert.Equal("""{"height":7,"service_node_states":[{"swarm_id":42},{"swarm_id":42}],"status":"OK"}""", listed.Body.GetProperty("result").GetRawText());
        var result = allButSwarm.Body.GetProperty("result");
        Assert.False(result.TryGetProperty("height", out _));
        Assert.True(result.TryGetProperty("block_hash", out _));
        Assert.False(result.GetProperty("service_node_states")[0].TryGetProperty("swarm", out _));
        Assert.True(result.GetProperty("service_node_states")[0].TryGetProperty("swarm_id", out _));
    }

    [Fact]
    public async Task The_deprecated_fields_object_skips_false_names_and_all_means_everything()
    {
        await using var node = await RpcTestNode.StartAsync(_ => new ListedDirectory(1));

        var some = await node.CallAsync("oxend_request", ServiceNodes(new JsonObject { ["fields"] = new JsonObject { ["storage_port"] = true, ["public_ip"] = false } }));
        var all = await node.CallAsync("oxend_request", ServiceNodes(new JsonObject { ["fields"] = new JsonObject { ["storage_port"] = true, ["all"] = true } }));

        Assert.Equal("""{"service_node_states":[{"storage_port":20001}],"status":"OK"}""", some.Body.GetProperty("result").GetRawText());
        Assert.Equal(12, all.Body.GetProperty("result").GetProperty("service_node_states")[0].EnumerateObject().Count());
    }

    [Fact]
    public async Task A_positive_limit_picks_that_many_distinct_nodes_and_a_negative_one_returns_all()
    {
        await using var node = await RpcTestNode.StartAsync(_ => new ListedDirectory(10));
        var keys = ListedDirectory.Nodes.Take(10).Select(n => n.Ed25519.ToHex()).ToHashSet();

        var three = Keys(await node.CallAsync("oxend_request", ServiceNodes(new JsonObject { ["limit"] = 3, ["fields"] = new JsonArray("pubkey_ed25519") })));
        var every = Keys(await node.CallAsync("oxend_request", ServiceNodes(new JsonObject { ["limit"] = -1, ["fields"] = new JsonArray("pubkey_ed25519") })));
        var inOrder = Keys(await node.CallAsync("oxend_request", ServiceNodes(new JsonObject { ["limit"] = 0, ["fields"] = new JsonArray("pubkey_ed25519") })));

        Assert.Equal(3, three.Distinct().Count());
        Assert.Subset(keys, three.ToHashSet());
        Assert.Equal(keys, every.ToHashSet());
        Assert.Equal(ListedDirectory.Nodes.Take(10).Select(n => n.Ed25519.ToHex()), inOrder);
    }

    [Fact]
    public async Task Service_node_pubkeys_select_known_nodes_in_the_order_given()
    {
        await using var node = await RpcTestNode.StartAsync(_ => new ListedDirectory(4));
        var wanted = new JsonArray(ListedDirectory.Nodes[2].Ed25519.ToHex(), new string('e', 64), ListedDirectory.Nodes[0].Ed25519.ToHex());

        var keys = Keys(await node.CallAsync("oxend_request", ServiceNodes(new JsonObject { ["service_node_pubkeys"] = wanted, ["fields"] = new JsonArray("pubkey_ed25519") })));

        Assert.Equal([ListedDirectory.Nodes[2].Ed25519.ToHex(), ListedDirectory.Nodes[0].Ed25519.ToHex()], keys);
    }

    [Fact]
    public async Task Polling_the_current_hash_is_unchanged_and_lists_nothing_while_another_hash_lists_and_names_the_new_one()
    {
        await using var node = await RpcTestNode.StartAsync(_ => new ListedDirectory(2));

        var same = await node.CallAsync("oxend_request", ServiceNodes(new JsonObject { ["poll_block_hash"] = ListedDirectory.Hash, ["fields"] = new JsonArray("height") }));
        var other = await node.CallAsync("oxend_request", ServiceNodes(new JsonObject { ["poll_block_hash"] = new string('0', 64), ["fields"] = new JsonArray("height") }));

        Assert.Equal("""{"height":7,"status":"OK","unchanged":true}""", same.Body.GetProperty("result").GetRawText());
        var changed = other.Body.GetProperty("result");
        Assert.False(changed.GetProperty("unchanged").GetBoolean());
        Assert.Equal(ListedDirectory.Hash, changed.GetProperty("block_hash").GetString());
        Assert.Equal(2, changed.GetProperty("service_node_states").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"active_only":"yes"}""", "Invalid value for 'active_only': expected boolean")]
    [InlineData("""{"active_only":2}""", "Invalid value for 'active_only': expected boolean")]
    [InlineData("""{"fields":"public_ip"}""", "Invalid values in 'fields'")]
    [InlineData("""{"fields":[1]}""", "Invalid values in 'fields'")]
    [InlineData("""{"fields":{"public_ip":1}}""", "[json.exception.type_error.302] type must be boolean, but is number")]
    [InlineData("""{"limit":1.5}""", "Invalid value for 'limit': value is not an integer")]
    [InlineData("""{"limit":4294967296}""", "Invalid value for 'limit': value is too large")]
    [InlineData("""{"limit":-4294967296}""", "Invalid value for 'limit': negative value magnitude is too large")]
    [InlineData("""{"poll_block_hash":"abc"}""", "Invalid values in 'poll_block_hash'")]
    [InlineData("""{"service_node_pubkeys":["abc"]}""", "Invalid values in 'service_node_pubkeys'")]
    [InlineData("""{"active_only":"no","limit":"x"}""", "Invalid value for 'active_only': expected boolean")]
    [InlineData("[1]", "parameters must be a JSON object")]
    public async Task Parameters_oxend_cannot_read_are_400_with_its_text(string parameters, string error)
    {
        await using var node = await RpcTestNode.StartAsync();

        var reply = await node.PostAsync(
            """{"method":"oxend_request","params":{"endpoint":"get_service_nodes","params":""" + parameters + "}}");

        reply.AssertText(400, "Unable to parse request: Failed to parse request parameters: " + error);
    }

    [Fact]
    public async Task Ons_resolve_is_400_saying_there_is_no_name_system()
    {
        await using var node = await RpcTestNode.StartAsync();

        var reply = await node.CallAsync("oxend_request", new JsonObject
        {
            ["endpoint"] = "ons_resolve",
            ["params"] = new JsonObject { ["type"] = 0, ["name_hash"] = "aGk=" },
        });

        reply.AssertText(400, OxendHandler.NoNameSystem);
    }

    [Fact]
    public async Task In_a_batch_a_bad_oxend_parameter_is_that_subrequests_400_and_the_others_still_run()
    {
        await using var node = await RpcTestNode.StartAsync();

        var reply = await node.PostAsync("""
            {"method":"batch","params":{"requests":[
              {"method":"oxend_request","params":{"endpoint":"get_service_nodes","params":{"limit":"x"}}},
              {"method":"oxend_request","params":{"endpoint":"get_service_nodes","params":{"fields":["height"]}}}]}}
            """);

        var results = reply.Body.GetProperty("results");
        Assert.Equal(400, results[0].GetProperty("code").GetInt32());
        Assert.Equal("Unable to parse request: Failed to parse request parameters: Invalid value for 'limit': value is not an integer",
            results[0].GetProperty("body").GetString());
        Assert.Equal(200, results[1].GetProperty("code").GetInt32());
        Assert.Equal(0, results[1].GetProperty("body").GetProperty("result").GetProperty("height").GetInt64());
    }

    private static JsonObject ServiceNodes(JsonObject parameters) => new() { ["endpoint"] = "get_service_nodes", ["params"] = parameters };

    private static List<string> Keys(NodeReply reply) =>
        [.. reply.Body.GetProperty("result").GetProperty("service_node_states").EnumerateArray().Select(s => s.GetProperty("pubkey_ed25519").GetString()!)];

    /// <summary>A network of <c>count</c> listed nodes at registry version 7: the first two in swarm 42, the rest in none.</summary>
    private sealed class ListedDirectory(int count) : ISwarmDirectory
    {
        public static readonly string Hash = new('c', 64);
        public static readonly SwarmMember[] Nodes = [.. Enumerable.Range(1, 10).Select(Member)];

        public bool Serves(StoragePubkey pubkey) => true;
        public SwarmView SwarmFor(StoragePubkey pubkey) => new(42, Nodes[..2]);
        public long Height => 7;

        public NodeListing Listing() => new(7, Hash,
            [.. Nodes.Take(count).Select((n, i) => new ListedNode(n, i < 2 ? 42UL : null, JoinedAt: i + 1))]);

        private static SwarmMember Member(int i)
        {
            using var keys = Ed25519KeyPair.Generate();
            return new SwarmMember(keys.PublicKey, keys.X25519PublicKey, $"10.0.0.{i}", 20_000 + i, 0);
        }
    }
}
