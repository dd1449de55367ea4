using System.Text.Json;
using Wisp.Cli.Tests.Support;
using Wisp.Crypto.Keys;

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
    public async Task The_inbox_lists_groups_beside_direct_conversations_with_a_kind()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--no-passphrase", "--json").Code);
        using var bobKeys = Ed25519KeyPair.Generate();
        var bob = bobKeys.AccountId;
        Seeded.Receive(cli, bob, "hi from bob");
        Assert.Equal(0, cli.Run("requests", "accept", bob.Hex).Code);
        // Offline, the group is made locally (its swarm cannot be reached) and the message is kept as failed.
        var client = Seeded.Open(cli);
        string groupId;
        await using (client)
        {
            groupId = (await client.Groups.CreateAsync("Lunch", [], TestContext.Current.CancellationToken)).GroupId!;
            await client.Groups.SendAsync(groupId, "noon?", TestContext.Current.CancellationToken);
        }

        var (code, stdout, stderr) = cli.Run("inbox", "--json");

        Assert.True(code == 0, stderr);
        Assert.Empty(JsonNames.NotSnakeCase(stdout));
        var conversations = JsonDocument.Parse(stdout).RootElement.GetProperty("conversations").EnumerateArray().ToList();
        var direct = Assert.Single(conversations, c => c.GetProperty("kind").GetString() == "direct");
        Assert.Equal(bob.Hex, direct.GetProperty("peer").GetString());
        var group = Assert.Single(conversations, c => c.GetProperty("kind").GetString() == "group");
        Assert.Equal((groupId, "Lunch", "noon?"), (group.GetProperty("group").GetString(), group.GetProperty("name").GetString(),
            group.GetProperty("last").GetProperty("body").GetString()));
        var text = cli.Run("inbox").Stdout;
        Assert.Contains("hi from bob", text);
        Assert.Contains("# Lunch (group)", text);
        Assert.Contains("you: noon?", text);
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
