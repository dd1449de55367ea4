using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client;
using Wisp.Client.Conversations;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp inbox</c>: conversations with unread counts and latest messages, and message requests apart.</summary>
internal static class InboxCommand
{
    public static Command Create(ChatContext context)
    {
        var options = new ChatOptions();
        var fetch = new Option<bool>("--fetch") { Description = "Fetch new messages from the network first (needs the network `wisp up` runs)." };
        var command = new Command(
            "inbox",
            "List conversations, latest first, with unread counts; message requests from unknown senders are listed apart " +
            "(answer them with `wisp requests`). Reads the local database; --fetch polls the network first.")
        {
            fetch,
        };
        options.AddTo(command, withNetwork: true);
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse, context, options, parse.GetValue(fetch), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, ChatContext context, ChatOptions options, bool fetch, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!ClientSession.TryOpen(parse, context, options, withNetwork: fetch, stderr, out var session, out var exitCode))
            return exitCode;
        await using (session)
        {
            if (fetch)
            {
                StartupTrace.NetworkWork(context.Environment, stderr);
                // Reaching the network is also the chance to send what earlier runs left in the outbox.
                var flushing = session.Outbox.DeliverAsync(ChatLimits.QuickFlush, TimeProvider.System, cancellationToken);
                if (await session.FetchAsync(cancellationToken) is { } error)
                    stderr.WriteLine($"wisp: could not fetch new messages (is `wisp up` running?): {error}");
                await flushing;
            }
            var conversations = session.Conversations.List(ConversationState.Accepted);
            var requests = session.Conversations.List(ConversationState.Request);
            if (parse.GetValue(options.Json))
            {
                CliOutput.Json(new JsonObject
                {
                    ["account_id"] = session.AccountId.Hex,
                    ["conversations"] = new JsonArray([.. conversations.Select(c => (JsonNode)MessagePrinting.Json(c))]),
                    ["requests"] = new JsonArray([.. requests.Select(c => (JsonNode)MessagePrinting.Json(c))]),
                }, stdout);
                return 0;
            }
            if (conversations.Count == 0 && requests.Count == 0)
            {
                stdout.WriteLine("No conversations yet. Start one with `wisp chat <AccountID>`; give your Account ID (`wisp account show`) to others.");
                return 0;
            }
            foreach (var summary in conversations)
                stdout.WriteLine(Line(session, summary));
            if (requests.Count > 0)
            {
                stdout.WriteLine();
                stdout.WriteLine($"Message requests ({requests.Count}) — answer with `wisp requests accept|decline|block <AccountID>`:");
                foreach (var summary in requests)
                    stdout.WriteLine(Line(session, summary) + $"  {summary.Conversation.Peer.Hex}");
            }
            return 0;
        }
    }

    private static string Line(WispClient session, ConversationSummary summary)
    {
        var name = session.Contacts.NameOf(summary.Conversation.Peer);
        var unread = summary.Unread > 0 ? $" ({summary.Unread} unread)" : "";
        // One line per conversation: the latest message without its quote and reactions.
        var last = summary.Last is { } message ? "  " + MessagePrinting.Line(message with { Quote = null, Reactions = [] }, name) : "";
        return $"{name}{unread}{last}";
    }
}
