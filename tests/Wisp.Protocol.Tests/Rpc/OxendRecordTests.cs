using System.Text.Json;
using Wisp.Protocol.Rpc;

namespace Wisp.Protocol.Tests.Rpc;

/// <summary>
/// <c>oxend_request</c>'s records: the request parsed as Session's storage server parses it and written back, the
/// <c>get_service_nodes</c> params read as oxend reads them, the reply and <c>get_stats</c> written and read back.
/// </summary>
public sealed class OxendRecordTests
{
    private const string Key = "aa00000000000000000000000000000000000000000000000000000000000001";

    [Fact]
    public void Request_keeps_params_as_given_and_writes_them_back()
    {
        var parsed = OxendRequest.Parse(Parse("""{"endpoint":"get_service_nodes","params":{"fields":{"public_ip":true}}}"""));

        Assert.True(parsed.IsOk);
        Assert.Equal("get_service_nodes", parsed.Value!.Endpoint);
        Assert.Equal("""{"method":"oxend_request","params":{"endpoint":"get_service_nodes","params":{"fields":{"public_ip":true}}}}""",
            System.Text.Encoding.UTF8.GetString(parsed.Value.ToBody()));
    }

    [Theory]
    [InlineData("{}", "Required field 'endpoint' missing")]
    [InlineData("""{"endpoint":null}""", "Required field 'endpoint' missing")]
    [InlineData("""{"endpoint":5}""", "Invalid value given for 'endpoint': expected string")]
    [InlineData("""{"endpoint":"get_info"}""", "Invalid oxend endpoint 'get_info'")]
    [InlineData("[]", "Required field 'endpoint' missing")]
    public void Request_errors_are_sessions(string json, string message)
    {
        var parsed = OxendRequest.Parse(Parse(json));

        Assert.Equal(RpcError.BadRequest(message), parsed.Error);
    }

    [Fact]
    public void Null_params_are_no_params_and_read_as_every_field_of_every_node()
    {
        var request = OxendRequest.Parse(Parse("""{"endpoint":"ons_resolve","params":null}""")).Value!;
        var query = ServiceNodeQuery.Parse(request.Params).Value!;

        Assert.Null(request.Params);
        Assert.True(query.Wants("public_ip") && query.Wants("height"));
        Assert.Equal((false, 0, null), (query.ActiveOnly, query.Limit, query.ServiceNodePubkeys));
    }

    [Fact]
    public void Query_reads_every_parameter()
    {
        var query = ServiceNodeQuery.Parse(Parse(
            $$"""{"active_only":1,"fields":["public_ip","storage_port"],"limit":-1,"poll_block_hash":"{{Key.ToUpperInvariant()}}","service_node_pubkeys":["{{Key}}"]}""")).Value!;

        Assert.True(query.ActiveOnly);
        Assert.Equal(-1, query.Limit);
        Assert.Equal(Key, query.PollBlockHash);
        Assert.Equal([Key], query.ServiceNodePubkeys);
        Assert.True(query.Wants("storage_port"));
        Assert.False(query.Wants("pubkey_x25519"));
    }

    [Theory]
    [InlineData("""{"fields":["all","-swarm"]}""", "swarm", false)]
    [InlineData("""{"fields":["all","-swarm"]}""", "swarm_id", true)]
    [InlineData("""{"fields":["-swarm"]}""", "swarm_id", false)]
    [InlineData("""{"fields":[]}""", "swarm_id", true)]
    [InlineData("""{"fields":{"swarm":false}}""", "swarm_id", true)]
    [InlineData("""{"fields":{"swarm":true,"all":false}}""", "swarm_id", false)]
    [InlineData("""{"fields":{"swarm":true,"all":true}}""", "swarm_id", true)]
    [InlineData("""{"poll_block_hash":""}""", "height", true)]
    public void Fields_select_as_oxends_requested_does(string json, string field, bool wanted)
    {
        var query = ServiceNodeQuery.Parse(Parse(json));

        Assert.Equal(wanted, query.Value!.Wants(field));
    }

    [Fact]
    public void Query_errors_carry_oxends_prefix_and_the_first_key_in_order_wins()
    {
        var parsed = ServiceNodeQuery.Parse(Parse("""{"limit":"x","fields":7,"active_only":null}"""));

        Assert.Equal(RpcError.BadRequest(ServiceNodeQuery.ErrorPrefix + "Invalid value for 'active_only': expected boolean"), parsed.Error);
    }

    [Fact]
    public void Query_written_by_a_client_reads_back_the_same()
    {
        var query = new ServiceNodeQuery(new HashSet<string> { "storage_port", "public_ip" }, ActiveOnly: true, Limit: 5);

        var request = OxendRequest.ForServiceNodes(query);
        var read = ServiceNodeQuery.Parse(OxendRequest.Parse(Parse(System.Text.Encoding.UTF8.GetString(request.ToBody())).GetProperty("params")).Value!.Params).Value!;

        Assert.Equal("""{"active_only":true,"fields":["public_ip","storage_port"],"limit":5}""", request.Params!.Value.GetRawText());
        Assert.Equal((true, 5), (read.ActiveOnly, read.Limit));
        Assert.Equal(query.Fields.Order(), read.Fields.Order());
    }

    [Fact]
    public void Reply_round_trips_with_keys_in_order_and_absent_fields_left_out()
    {
        var state = new ServiceNodeState
        {
            Active = true,
            PublicIp = "10.0.0.1",
            PubkeyEd25519 = Key,
            StoragePort = 443,
            StorageServerVersion = new ServerVersion(2, 8, 0),
            Swarm = ServiceNodeState.UnassignedSwarmId,
            SwarmId = ServiceNodeState.UnassignedSwarmId,
        };
        var reply = new OxendResponse<ServiceNodesResult>(new ServiceNodesResult([state]) { Height = 3, Unchanged = false }, 9, ProtocolVersions.HardFork);

        var json = System.Text.Encoding.UTF8.GetString(RpcJson.Serialize(reply));

        Assert.Equal(
            $$"""{"hf":[19,4],"result":{"height":3,"service_node_states":[{"active":true,"public_ip":"10.0.0.1","pubkey_ed25519":"{{Key}}","storage_port":443,"storage_server_version":[2,8,0],"swarm":"ffffffffffffffff","swarm_id":18446744073709551615}],"status":"OK","unchanged":false},"t":9}""",
            json);
        Assert.True(RpcJson.TryParse<OxendResponse<ServiceNodesResult>>(System.Text.Encoding.UTF8.GetBytes(json), out var read));
        Assert.Equal(state, Assert.Single(read.Result.States!));
        Assert.Equal((3L, false, (string?)null), (read.Result.Height, read.Result.Unchanged, read.Result.BlockHash));
    }

    [Fact]
    public void Only_drops_unrequested_fields()
    {
        var state = new ServiceNodeState { PublicIp = "10.0.0.1", StoragePort = 443, Swarm = 1, SwarmId = 1 };

        var only = state.Only(f => f is "storage_port" or "swarm");

        Assert.Equal(new ServiceNodeState { StoragePort = 443, Swarm = 1 }, only);
    }

    [Theory]
    [InlineData("""{"t":1,"hf":[19,4]}""")]
    [InlineData("""{"result":{"service_node_states":[]},"t":1,"hf":[19,4]}""")]
    [InlineData("""{"result":{"status":"OK","service_node_states":{}},"t":1,"hf":[19,4]}""")]
    [InlineData("""{"result":{"status":"OK","service_node_states":[5]},"t":1,"hf":[19,4]}""")]
    public void Malformed_replies_are_refused(string json) =>
        Assert.False(RpcJson.TryParse<OxendResponse<ServiceNodesResult>>(System.Text.Encoding.UTF8.GetBytes(json), out _));

    [Fact]
    public void Get_stats_writes_the_version_string()
    {
        var json = RpcJson.Serialize(GetStatsResponse.Current);

        Assert.Equal("""{"version":"2.8.0"}""", System.Text.Encoding.UTF8.GetString(json));
        Assert.True(RpcJson.TryParse<GetStatsResponse>(json, out var read));
        Assert.Equal(GetStatsResponse.Current, read);
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
