using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client.Front;
using Wisp.Crypto.Keys;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp search TEXT [--peer PEER]</c>: messages holding every word of TEXT, latest first.</summary>
internal static class SearchCommand
{
    public static Command Create(ChatContext context)
    {
        var options = new ChatOptions();
        var text = new Argument<string>("text") { Description = "The words to look for (whole words, ignoring case; every word must appear)." };
        var peerOption = new Option<string?>("--peer") { Description = "Only the conversation with this Account ID or contact." };
        var limit = new Option<int>("--limit") { Description = "At most this many messages (default 50).", DefaultValueFactory = _ => 50 };
        var command = new Command(
            "search",
            "Search the local history for messages holding every word given, latest first. The index on disk holds keyed " +
            "hashes of words, never the words, so whole words match but not parts of words.")
        {
            text,
            peerOption,
            limit,
        };
        options.AddTo(command, withNetwork: false);
        command.SetAction(parse =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var query = parse.GetValue(text)!;
            var count = parse.GetValue(limit);
            if (count is < 1 or > 10_000)
                return CliOutput.Error($"--limit must be between 1 and 10000 (it was {count}).", stderr);
            if (!ClientArchive.HasWords(query))
                return CliOutput.Error("give at least one word to search for (letters or digits).", stderr);
            if (!ClientSession.TryOpen(parse, context, options, withNetwork: false, stderr, out var session, out var exitCode))
                return exitCode;
            using var _ = new ClosesClient(session);
            AccountId? peer = null;
            if (parse.GetValue(peerOption) is { } peerText && !AccountIdInput.TryResolvePeer(session.Contacts, peerText, out peer, out var error))
                return CliOutput.Error(error, stderr);
            var found = session.Archive.Search(query, peer, count);
            if (parse.GetValue(options.Json))
            {
                CliOutput.Json(new JsonObject { ["messages"] = new JsonArray([.. found.Select(m => (JsonNode)MessagePrinting.Json(m))]) }, stdout);
                return 0;
            }
            if (found.Count == 0)
                stdout.WriteLine("No messages found.");
            foreach (var message in found)
                stdout.WriteLine($"{session.Contacts.NameOf(message.Peer)}: {MessagePrinting.Line(message, session.Contacts.NameOf(message.Peer))}");
            return 0;
        });
        return command;
    }
}
