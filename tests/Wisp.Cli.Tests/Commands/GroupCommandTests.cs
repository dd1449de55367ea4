using System.Text.Json;
using Wisp.Cli.Tests.Support;

namespace Wisp.Cli.Tests.Commands;

/// <summary><c>wisp group</c> without a network: help and --json on every subcommand, usage errors exit 2, listing works offline.</summary>
public sealed class GroupCommandTests
{
    private static readonly string[] Subcommands = ["create", "invite", "remove", "promote", "leave", "rename", "describe", "accept", "decline", "list", "show"];

    [Fact]
    public void Every_group_subcommand_has_help_that_offers_json()
    {
        using var cli = new CliHarness();
        foreach (var subcommand in Subcommands)
        {
            var (code, stdout, stderr) = cli.Run("group", subcommand, "--help");
            Assert.True(code == 0, $"group {subcommand} --help: exit {code}: {stderr}");
            Assert.Contains("--json", stdout);
            Assert.Contains("--profile", stdout);
        }
    }

    [Fact]
    public void Listing_without_groups_prints_an_empty_snake_case_list()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--profile", "alice", "--no-passphrase", "--json").Code);

        var (code, stdout, stderr) = cli.Run("group", "list", "--profile", "alice", "--json");

        Assert.True(code == 0, stderr);
        Assert.Empty(JsonNames.NotSnakeCase(stdout));
        Assert.Equal(0, JsonDocument.Parse(stdout).RootElement.GetProperty("groups").GetArrayLength());
        Assert.Contains("No groups", cli.Run("group", "list", "--profile", "alice").Stdout);
    }

    [Fact]
    public void A_group_that_does_not_exist_and_a_missing_name_are_usage_errors()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--profile", "alice", "--no-passphrase", "--json").Code);

        var unknown = cli.Run("group", "show", "nosuch", "--profile", "alice");
        Assert.Equal(2, unknown.Code);
        Assert.Contains("no group named \"nosuch\"", unknown.Stderr);
        Assert.Equal(2, cli.Run("group", "create", "--profile", "alice").Code);
        Assert.Equal(2, cli.Run("group", "frobnicate").Code);
    }
}
