using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp history PEER</c>: a conversation's messages, read without marking them read or telling the peer.</summary>
internal static class HistoryCommand
{
    public static Command Create(ChatContext context)
    {
        var options = new ChatOptions();
        var who = new Argument<string>("peer") { Description = "The Account ID or a contact's nickname." };
        var limit = new Option<int>("--limit")
        {
            Description = "How many of the latest messages to show (default 100).",
            DefaultValueFactory = _ => 100,
        };
        var command = new Command(
            "history",
            "Show a conversation's latest messages, oldest first. Reading them here marks nothing read and sends no read " +
            "receipt (unlike `wisp chat`); it reads the local database only.")
        {
            who,
            limit,
        };
        options.AddTo(command, withNetwork: false);
        command.Subcommands.Add(HistoryRestoreCommand.Create(context)); // signed history logs (issue 20)
        command.SetAction(parse =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var count = parse.GetValue(limit);
            if (count is < 1 or > 100_000)
                return CliOutput.Error($"--limit must be between 1 and 100000 (it was {count}).", stderr);
            if (!ClientSession.TryOpen(parse, context, options, withNetwork: false, stderr, out var session, out var exitCode))
                return exitCode;
            using var _ = new ClosesClient(session);
            if (!session.Contacts.TryResolve(parse.GetValue(who)!, out var peer, out var error))
                return CliOutput.Error(error, stderr);
            var messages = session.Conversations.History(peer, count);
            if (parse.GetValue(options.Json))
            {
                CliOutput.Json(new JsonObject
                {
                    ["peer"] = peer.Hex,
                    ["nickname"] = session.Contacts.NicknameOf(peer),
                    ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)DirectCommand.WithFilePaths(DirectCommand.WithPath(MessagePrinting.Json(m), session, m), session, m))]),
                }, stdout);
                return 0;
            }
            var name = session.Contacts.NameOf(peer);
            if (messages.Count == 0)
                stdout.WriteLine($"No messages with {name}.");
            foreach (var message in messages)
                stdout.WriteLine(MessagePrinting.Line(message, name) + DirectCommand.PathMark(session, message) + DirectCommand.FilesMark(session, message));
            return 0;
        });
        return command;
    }
}
