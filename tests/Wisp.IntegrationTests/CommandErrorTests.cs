using System.Text.Json;
using Wisp.Testing;

namespace Wisp.IntegrationTests;

/// <summary>
/// The real <c>wisp</c> process: <c>wisp net</c> without a network, exit codes of the parser's errors, a five-node
/// <c>wisp up</c> stopped with SIGTERM, and snake_case JSON from <c>node status</c>.
/// </summary>
public sealed class CommandErrorTests
{
    [Theory]
    [InlineData("status")]
    [InlineData("add-node")]
    [InlineData("remove-node", "node-01")]
    public async Task Net_commands_on_a_folder_without_a_network_say_how_to_create_one(string command, string? argument = null)
    {
        using var folder = new TempDirectory();
        string[] args = argument is null ? ["net", command, "--network", folder.Path] : ["net", command, "--network", folder.Path, argument];

        var (exitCode, stdout, stderr) = await WispProcess.RunAsync(args);

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout);
        Assert.Contains("there is no local network", stderr);
        Assert.Contains("wisp up --network", stderr);
    }

    [Theory]
    [InlineData("up", "--data", "somewhere")] // --network names the network's folder now; --data is a node's own
    [InlineData("send")]
    [InlineData("net", "status", "--nodes", "5")]
    [InlineData("no-such-command")]
    public async Task A_parse_error_of_the_real_process_exits_2(params string[] args)
    {
        var (exitCode, stdout, stderr) = await WispProcess.RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.NotEmpty(stderr.Trim());
        Assert.DoesNotContain("Unhandled exception", stdout + stderr);
    }

    [Fact]
    public async Task Wisp_up_stops_every_node_on_SIGTERM_and_exits_0_and_the_network_then_shows_every_node_down()
    {
        // One five-node network (the smallest wisp up runs) for all of it: starting node processes is what costs CI time.
        using var folder = new TempDirectory();
        using var up = WispProcess.Start("up", "--nodes", "5", "--network", folder.Path, "--json");
        var view = await up.ReadJsonLineAsync(TimeSpan.FromSeconds(120));
        var node = view.GetProperty("nodes")[0];
        var nodePid = node.GetProperty("pid").GetInt32();
        Assert.True(ProcessSignals.IsAlive(nodePid));
        Assert.True(node.GetProperty("rss_bytes").GetInt64() > 0);
        Assert.True(view.GetProperty("total_rss_bytes").GetInt64() >= node.GetProperty("rss_bytes").GetInt64());
        var nodeStatus = await WispProcess.RunAsync("node", "status", "--data", node.GetProperty("data").GetString()!, "--json");
        // Local nodes run with the runtime settings that keep their idle memory down; the log's start line shows them.
        var log = await File.ReadAllTextAsync(Path.Combine(node.GetProperty("data").GetString()!, "node.log"), TestContext.Current.CancellationToken);
        Assert.Contains("DOTNET_TieredCompilation=0 DOTNET_gcConcurrent=0", log);

        ProcessSignals.Terminate(up.Id);

        Assert.Equal(0, await up.WaitForExitAsync());
        Assert.False(ProcessSignals.IsAlive(nodePid));
        Assert.Contains("Every node stopped.", await up.StderrAsync());
        Assert.True(nodeStatus.ExitCode == 0, nodeStatus.Stderr);
        var statusJson = JsonDocument.Parse(nodeStatus.Stdout).RootElement;
        Assert.True(statusJson.GetProperty("uptime_seconds").GetInt64() >= 0);
        Assert.Equal(node.GetProperty("ed25519").GetString(), statusJson.GetProperty("ed25519").GetString());
        Assert.True(statusJson.TryGetProperty("swarm_peers", out _));
        Assert.False(statusJson.TryGetProperty("uptimeSeconds", out _));

        var added = await WispProcess.RunAsync("net", "add-node", "--network", folder.Path);
        Assert.Equal(0, added.ExitCode);
        Assert.Contains("Nothing runs the network now", added.Stdout);
        var (exitCode, stdout, _) = await WispProcess.RunAsync("net", "status", "--network", folder.Path, "--json");
        Assert.Equal(0, exitCode);
        var network = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(JsonValueKind.Null, network.GetProperty("up_pid").ValueKind);
        Assert.Equal(6, network.GetProperty("nodes").GetArrayLength());
        Assert.All(network.GetProperty("nodes").EnumerateArray(), n => Assert.False(n.GetProperty("healthy").GetBoolean()));
        Assert.Equal(0, network.GetProperty("total_rss_bytes").GetInt64());
    }

    [Fact]
    public async Task Wisp_up_refuses_a_network_too_small_for_an_onion_path()
    {
        using var folder = new TempDirectory();

        var (exitCode, _, stderr) = await WispProcess.RunAsync("up", "--nodes", "4", "--network", folder.Path);

        Assert.Equal(2, exitCode);
        Assert.Contains("--nodes: 4 nodes cannot carry a message", stderr);
        Assert.False(Directory.Exists(folder.Path));
    }
}
