using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;

namespace Wisp.Cli.Commands.Account;

/// <summary>
/// <c>wisp account set-name NAME</c> and <c>wisp account name</c>: the display name (Session's profile name) sent with
/// every message, which peers show where they set no nickname. Under <c>account</c> because it belongs to the account
/// and travels with it, like its Account ID.
/// </summary>
internal static class AccountNameCommands
{
    public static Command CreateSetName(ChatContext context)
    {
        var name = new Argument<string>("name") { Description = "The name people see (at most 100 bytes); \"\" clears it." };
        var options = new ChatOptions();
        var command = new Command(
            "set-name",
            "Set the display name sent with your messages (Session's profile name); peers show it where they set no " +
            "nickname for you. Pass \"\" to stop sending one.")
        {
            name,
        };
        options.AddTo(command, withNetwork: false);
        command.SetAction(parse => Run(parse, context, options, parse.GetValue(name)));
        return command;
    }

    public static Command CreateShowName(ChatContext context)
    {
        var options = new ChatOptions();
        var command = new Command("name", "Show the display name sent with your messages (set it with `wisp account set-name`).");
        options.AddTo(command, withNetwork: false);
        command.SetAction(parse => Run(parse, context, options, newName: null));
        return command;
    }

    private static int Run(ParseResult parse, ChatContext context, ChatOptions options, string? newName)
    {
        var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        if (!ClientSession.TryOpen(parse, context, options, withNetwork: false, stderr, out var client, out var exitCode))
            return exitCode;
        using (new ClosesClient(client))
        {
            if (newName is not null && !client.TrySetDisplayName(newName, out var error))
                return CliOutput.Error(error, stderr);
            var name = client.DisplayName;
            if (parse.GetValue(options.Json))
                CliOutput.Json(new JsonObject { ["account_id"] = client.AccountId.Hex, ["display_name"] = name }, stdout);
            else
                stdout.WriteLine(name is null ? "(no display name: peers see your Account ID; `wisp account set-name NAME` sets one)" : name);
            return 0;
        }
    }
}
