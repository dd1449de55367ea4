using System.Text.Json;
using System.Text.Json.Nodes;
using Wisp.Cli.Output;
using Wisp.Cli.Tests.Support;

namespace Wisp.Cli.Tests.Output;

public sealed class CliJsonTests
{
    private sealed record Sample(string DataDirectory, int? UpPid, IReadOnlyList<Inner> Nodes);

    private sealed record Inner(string Ed25519, long RssBytes);

    [Fact]
    public void A_record_is_written_with_snake_case_names_at_every_depth()
    {
        var json = CliJson.Document(new Sample("/tmp/x", 42, [new Inner("ab", 7)]));

        Assert.Empty(JsonNames.NotSnakeCase(json));
        Assert.Equal(["data_directory", "up_pid", "nodes", "ed25519", "rss_bytes"], JsonNames.All(json));
    }

    [Fact]
    public void A_hand_built_object_with_a_camel_case_name_is_renamed_not_printed_as_it_is()
    {
        var built = new JsonObject { ["startedByUp"] = true, ["added"] = new JsonArray(new JsonObject { ["nodeName"] = "node-01" }) };

        var json = CliJson.Document(built);

        Assert.Equal(["started_by_up", "added", "node_name"], JsonNames.All(json));
        Assert.Equal("node-01", JsonDocument.Parse(json).RootElement.GetProperty("added")[0].GetProperty("node_name").GetString());
        Assert.True(built.ContainsKey("startedByUp")); // the caller's object is left as it was
    }

    [Fact]
    public void A_line_is_one_line_and_a_document_is_indented()
    {
        var value = new JsonObject { ["a"] = 1, ["b"] = new JsonObject { ["c"] = "ü" } };

        Assert.DoesNotContain('\n', CliJson.Line(value));
        Assert.Contains('\n', CliJson.Document(value));
        Assert.Contains("ü", CliJson.Line(value)); // not \u00FC: people read this output too
    }

    [Fact]
    public void Snake_case_from_another_program_is_read_back_unchanged()
    {
        var node = JsonNode.Parse("""{"uptime_seconds":5,"swarmPeers":["x"],"peer_tests":[{"lastFailure":null}]}""");

        var json = CliJson.Rename(node)!.ToJsonString();

        Assert.Equal("""{"uptime_seconds":5,"swarm_peers":["x"],"peer_tests":[{"last_failure":null}]}""", json);
    }
}
