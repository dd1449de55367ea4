using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp react ID EMOJI [--remove]</c>: reacts to a message (Session's reactions), or takes the reaction back.</summary>
internal static class ReactCommand
{
    public static Command Create(ChatContext context)
    {
        var id = new Argument<string>("id") { Description = "The message's id (`wisp chat` /list, or the --json output of send, chat and inbox)." };
        var emoji = new Argument<string>("emoji") { Description = "One emoji, e.g. 👍." };
        var remove = new Option<bool>("--remove") { Description = "Take your reaction back." };
        var options = new ChatOptions();
        var command = new Command(
            "react",
            "React to a message with an emoji (one of each emoji per person), or take the reaction back with --remove. " +
            "The peer is told at once; without the network nothing changes.")
        {
            id,
            emoji,
            remove,
        };
        options.AddTo(command, withNetwork: true);
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse, context, options, parse.GetValue(id)!, parse.GetValue(emoji)!, parse.GetValue(remove), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, ChatContext context, ChatOptions options, string id, string emoji, bool remove, CancellationToken cancellationToken)
    {
        var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        if (!ClientSession.TryOpen(parse, context, options, withNetwork: true, stderr, out var client, out var exitCode))
            return exitCode;
        await using (client)
        {
            if (await client.Messages.ReactAsync(id, emoji, remove, cancellationToken) is { } failure)
                return CliOutput.Error(failure.Reason, stderr, failure.NetworkFailed ? CliOutput.Failure : CliOutput.UsageError);
            var message = client.Messages.Find(id)!;
            if (parse.GetValue(options.Json))
                CliOutput.Json(MessagePrinting.Json(message), stdout);
            else
                stdout.WriteLine(MessagePrinting.Line(message, client.Contacts.NameOf(message.Peer)));
            return 0;
        }
    }
}
