using System.Text.Json;
using Wisp.Cli.Commands.Net;
using Wisp.Cli.Tests.Support;
using Wisp.Node.Hosting;

namespace Wisp.Cli.Tests.Commands;

/// <summary>Every <c>--json</c> output names its fields in snake_case, whichever command prints it.</summary>
public sealed class JsonSurfaceTests
{
    private const string SessionPhrase = "vexed enjoy pigment films adept voted vexed enjoy pigment films adept voted adept";

    [Fact]
    public void Account_and_messaging_commands_print_snake_case_only()
    {
        using var cli = new CliHarness();
        var bob = AccountIdOf(cli.Run("account", "new", "--profile", "bob", "--no-passphrase", "--json").Stdout);
        string[][] commands =
        [
            ["account", "new", "--profile", "alice", "--no-passphrase", "--json"],
            ["account", "restore", "--profile", "carol", "--phrase", SessionPhrase, "--no-passphrase", "--json"],
            ["account", "inspect", "--phrase", SessionPhrase, "--json"],
            ["account", "show", "--profile", "alice", "--json"],
            ["account", "list", "--json"],
            ["contacts", "add", bob, "bob", "--profile", "alice", "--json"],
            ["contacts", "--profile", "alice", "--json"],
            ["requests", "--profile", "alice", "--json"],
            ["inbox", "--profile", "alice", "--json"],
            ["contacts", "remove", "bob", "--profile", "alice", "--json"],
        ];

        foreach (var command in commands)
        {
            var (code, stdout, stderr) = cli.Run(command);

            Assert.True(code == 0, $"{string.Join(' ', command)}: exit {code}: {stderr}");
            Assert.True(JsonNames.NotSnakeCase(stdout) is [], $"{string.Join(' ', command)} printed {string.Join(", ", JsonNames.NotSnakeCase(stdout))}");
        }
    }

    [Fact]
    public void Net_commands_print_snake_case_only()
    {
        using var cli = new CliHarness();
        var folder = Path.Combine(cli.Root, "network");
        Assert.NotNull(LocalNetworkPreparation.Prepare(folder, 4, host: null, TextWriter.Null, out var problem));
        Assert.Null(problem);

        var status = cli.Run("net", "status", "--network", folder, "--json");
        var added = cli.Run("net", "add-node", "--network", folder, "--json");
        var removed = cli.Run("net", "remove-node", "--network", folder, "node-05", "--json");

        foreach (var (code, stdout, stderr) in new[] { status, added, removed })
        {
            Assert.True(code == 0, stderr);
            Assert.Empty(JsonNames.NotSnakeCase(stdout));
        }
        var root = JsonDocument.Parse(status.Stdout).RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("up_pid").ValueKind);
        Assert.Equal(0, root.GetProperty("total_rss_bytes").GetInt64()); // nothing runs: no memory counted
        Assert.All(root.GetProperty("nodes").EnumerateArray(), node => Assert.Equal(JsonValueKind.Null, node.GetProperty("rss_bytes").ValueKind));
        Assert.False(JsonDocument.Parse(added.Stdout).RootElement.GetProperty("started_by_up").GetBoolean());
        Assert.False(JsonDocument.Parse(removed.Stdout).RootElement.GetProperty("stopped_by_up").GetBoolean());
    }

    [Fact]
    public void Node_info_prints_snake_case_only()
    {
        using var cli = new CliHarness();
        var directory = Path.Combine(cli.Root, "node");
        Assert.True(NodeKeyStore.TryLoadOrCreate(directory, out var keys, out _, out var problem), problem);
        keys.Dispose();

        var (code, stdout, stderr) = cli.Run("node", "info", "--data", directory, "--json");

        Assert.True(code == 0, stderr);
        Assert.Empty(JsonNames.NotSnakeCase(stdout));
        Assert.Equal(Path.GetFullPath(directory), JsonDocument.Parse(stdout).RootElement.GetProperty("data_directory").GetString());
    }

    private static string AccountIdOf(string json) => JsonDocument.Parse(json).RootElement.GetProperty("account_id").GetString()!;
}
