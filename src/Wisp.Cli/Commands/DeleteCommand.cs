using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp delete ID [--everyone]</c>: deletes a message for this account, or (Session's unsend) for both sides.</summary>
internal static class DeleteCommand
{
    public static Command Create(ChatContext context)
    {
        var id = new Argument<string>("id") { Description = "The message's id (`wisp chat` /list, or the --json output of send, chat and inbox)." };
        var everyone = new Option<bool>("--everyone")
        {
            Description = "Delete one of your own messages for everyone (Session's unsend): the peer is asked to delete it and shows " +
                          "\"(message deleted)\". Needs the network; without it nothing changes.",
        };
        var options = new ChatOptions();
        var command = new Command(
            "delete",
            "Delete a message. Without --everyone it is deleted on this account only and nothing is sent; with --everyone " +
            "your own message is deleted on both sides.")
        {
            id,
            everyone,
        };
        options.AddTo(command, withNetwork: true);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, context, options, parse.GetValue(id)!, parse.GetValue(everyone), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, ChatContext context, ChatOptions options, string id, bool everyone, CancellationToken cancellationToken)
    {
        var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        if (!ClientSession.TryOpen(parse, context, options, withNetwork: everyone, stderr, out var client, out var exitCode))
            return exitCode;
        await using (client)
        {
            if (everyone && await client.Messages.DeleteForEveryoneAsync(id, cancellationToken) is { } failure)
                return CliOutput.Error(failure.Reason, stderr, failure.NetworkFailed ? CliOutput.Failure : CliOutput.UsageError);
            if (!everyone && !client.Messages.DeleteForMe(id, out var error))
                return CliOutput.Error(error, stderr);
            if (parse.GetValue(options.Json))
                CliOutput.Json(new JsonObject { ["deleted"] = id, ["for_everyone"] = everyone }, stdout);
            else
                stdout.WriteLine(everyone ? "deleted for everyone" : "deleted for you");
            return 0;
        }
    }
}
