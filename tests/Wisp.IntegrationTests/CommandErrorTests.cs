using System.Text.Json;
using Wisp.Testing;

namespace Wisp.IntegrationTests;

/// <summary><c>wisp net</c> without a network, and a one-node <c>wisp up</c> stopped with SIGTERM.</summary>
public sealed class CommandErrorTests
{
    [Theory]
    [InlineData("status")]
    [InlineData("add-node")]
    [InlineData("remove-node", "node-01")]
    public async Task Net_commands_on_a_folder_without_a_network_say_how_to_create_one(string command, string? argument = null)
    {
        using var folder = new TempDirectory();
        string[] args = argument is null ? ["net", command, "--data", folder.Path] : ["net", command, "--data", folder.Path, argument];

        var (exitCode, stdout, stderr) = await WispProcess.RunAsync(args);

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout);
        Assert.Contains("there is no local network", stderr);
        Assert.Contains("wisp up --data", stderr);
    }

    [Fact]
    public async Task Wisp_up_stops_every_node_on_SIGTERM_and_exits_0()
    {
        using var folder = new TempDirectory();
        using var up = WispProcess.Start("up", "--nodes", "1", "--data", folder.Path, "--json");
        var view = await up.ReadJsonLineAsync(TimeSpan.FromSeconds(120));
        var nodePid = view.GetProperty("nodes")[0].GetProperty("pid").GetInt32();
        Assert.True(ProcessSignals.IsAlive(nodePid));

        ProcessSignals.Terminate(up.Id);

        Assert.Equal(0, await up.WaitForExitAsync());
        Assert.False(ProcessSignals.IsAlive(nodePid));
        Assert.Contains("Every node stopped.", await up.StderrAsync());
    }

    [Fact]
    public async Task Wisp_up_refuses_a_node_count_out_of_range()
    {
        using var folder = new TempDirectory();

        var (exitCode, _, stderr) = await WispProcess.RunAsync("up", "--nodes", "0", "--data", folder.Path);

        Assert.Equal(2, exitCode);
        Assert.Contains("--nodes: 0 is out of range", stderr);
        Assert.False(Directory.Exists(folder.Path));
    }

    [Fact]
    public async Task Net_status_of_a_network_nobody_runs_shows_every_node_down()
    {
        using var folder = new TempDirectory();
        using (var up = WispProcess.Start("up", "--nodes", "1", "--data", folder.Path, "--json"))
        {
            await up.ReadJsonLineAsync(TimeSpan.FromSeconds(120));
            ProcessSignals.Terminate(up.Id);
            Assert.Equal(0, await up.WaitForExitAsync());
        }
        var added = await WispProcess.RunAsync("net", "add-node", "--data", folder.Path);
        Assert.Equal(0, added.ExitCode);
        Assert.Contains("Nothing runs the network now", added.Stdout);

        var (exitCode, stdout, _) = await WispProcess.RunAsync("net", "status", "--data", folder.Path, "--json");

        Assert.Equal(0, exitCode);
        var status = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(JsonValueKind.Null, status.GetProperty("upPid").ValueKind);
        Assert.Equal(2, status.GetProperty("nodes").GetArrayLength());
        Assert.All(status.GetProperty("nodes").EnumerateArray(), node => Assert.False(node.GetProperty("healthy").GetBoolean()));
    }
}
