using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp group list</c> and <c>wisp group show</c>: what the account knows of its groups, fetched first with <c>--fetch</c>.</summary>
internal static class GroupListing
{
    public static Command List(ChatContext context)
    {
        var options = new ChatOptions();
        var fetch = FetchOption();
        var command = new Command("list", "List your groups and group invites (role, members, newest key generation).") { fetch };
        options.AddTo(command, withNetwork: true);
        command.SetAction(async (parse, token) =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var withNetwork = parse.GetValue(fetch);
            if (!ClientSession.TryOpen(parse, context, options, withNetwork, stderr, out var client, out var exitCode))
                return exitCode;
            await using (client)
            {
                if (withNetwork && await FetchAsync(client, stderr, token) is { } failed)
                    return failed;
                var groups = client.Groups.List();
                if (parse.GetValue(options.Json))
                {
                    CliOutput.Json(new JsonObject { ["groups"] = new JsonArray([.. groups.Select(g => (JsonNode)GroupPrinting.Json(client, g))]) }, stdout);
                    return 0;
                }
                if (groups.Count == 0)
                    stdout.WriteLine("No groups. `wisp group create NAME [members…]` makes one.");
                foreach (var group in groups)
                    stdout.WriteLine(GroupPrinting.Line(client, group));
                return 0;
            }
        });
        return command;
    }

    public static Command Show(ChatContext context)
    {
        var options = new ChatOptions();
        var fetch = FetchOption();
        var group = new Argument<string>("group") { Description = "The group: its ID (03…) or its name." };
        var limit = new Option<int>("--limit") { Description = "How many of the latest messages to show.", DefaultValueFactory = _ => 20 };
        var command = new Command("show", "Show a group: its name, description, your role, its members and its latest messages.") { group, fetch, limit };
        options.AddTo(command, withNetwork: true);
        command.SetAction(async (parse, token) =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var withNetwork = parse.GetValue(fetch);
            if (parse.GetValue(limit) is < 0 or > 10_000)
                return CliOutput.Error("--limit is 0 to 10000.", stderr);
            if (!ClientSession.TryOpen(parse, context, options, withNetwork, stderr, out var client, out var exitCode))
                return exitCode;
            await using (client)
            {
                if (withNetwork && await FetchAsync(client, stderr, token) is { } failed)
                    return failed;
                if (client.Groups.Find(parse.GetValue(group)!, out var error) is not { } found)
                    return CliOutput.Error(error!, stderr);
                var messages = client.Groups.History(found.Id, parse.GetValue(limit));
                if (parse.GetValue(options.Json))
                {
                    var json = GroupPrinting.Json(client, found);
                    json["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)GroupPrinting.Json(m))]);
                    CliOutput.Json(json, stdout);
                    return 0;
                }
                GroupPrinting.Details(client, found, stdout);
                foreach (var message in messages)
                    stdout.WriteLine(GroupPrinting.Line(client, message));
                return 0;
            }
        });
        return command;
    }

    private static Option<bool> FetchOption() => new("--fetch") { Description = "Fetch from the network first: new invites, and every group's keys and messages." };

    /// <summary>Fetches 1:1 (invites) and every group; null when both worked, else the exit code after saying why.</summary>
    private static async Task<int?> FetchAsync(WispClient client, TextWriter stderr, CancellationToken token)
    {
        if (await client.FetchAsync(token) is { } error)
            return CliOutput.Error($"could not fetch: {error}", stderr, CliOutput.Failure);
        foreach (var groupError in await client.Groups.FetchAsync(token))
            stderr.WriteLine($"(could not read group {groupError})");
        return null;
    }
}
