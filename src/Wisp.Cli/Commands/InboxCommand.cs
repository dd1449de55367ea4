using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client;
using Wisp.Client.Conversations;
using Wisp.Client.Groups;

namespace Wisp.Cli.Commands;

/// <summary>
/// <c>wisp inbox</c>: 1:1 conversations with unread counts and latest messages, the groups with their latest messages,
/// and message requests and group invites apart. In JSON each entry's <c>kind</c> says which ("direct" or "group").
/// </summary>
internal static class InboxCommand
{
    public static Command Create(ChatContext context)
    {
        var options = new ChatOptions();
        var fetch = new Option<bool>("--fetch") { Description = "Fetch new messages from the network first (needs the network `wisp up` runs)." };
        var command = new Command(
            "inbox",
            "List conversations, latest first, with unread counts, then your groups with their latest messages; message requests " +
            "from unknown senders and group invites are listed apart (answer them with `wisp requests` and `wisp group accept|decline`). " +
            "Reads the local database; --fetch polls the network first.")
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
            var groups = session.Groups.List().Where(g => g.Role != GroupRole.Invited).ToList();
            var invites = session.Groups.Invites();
            if (parse.GetValue(options.Json))
            {
                CliOutput.Json(new JsonObject
                {
                    ["account_id"] = session.AccountId.Hex,
                    ["conversations"] = new JsonArray([.. conversations.Select(Direct), .. groups.Select(g => Group(session, g))]),
                    ["requests"] = new JsonArray([.. requests.Select(Direct), .. invites.Select(g => Group(session, g))]),
                }, stdout);
                return 0;
            }
            if (conversations.Count == 0 && requests.Count == 0 && groups.Count == 0 && invites.Count == 0)
            {
                stdout.WriteLine("No conversations yet. Start one with `wisp chat <AccountID>`; give your Account ID (`wisp account show`) to others.");
                return 0;
            }
            foreach (var summary in conversations)
                stdout.WriteLine(Line(session, summary));
            foreach (var group in groups)
                stdout.WriteLine(Line(session, group));
            if (requests.Count > 0)
            {
                stdout.WriteLine();
                stdout.WriteLine($"Message requests ({requests.Count}) — answer with `wisp requests accept|decline|block <AccountID>`:");
                foreach (var summary in requests)
                    stdout.WriteLine(Line(session, summary) + $"  {summary.Conversation.Peer.Hex}");
            }
            if (invites.Count > 0)
            {
                stdout.WriteLine();
                stdout.WriteLine($"Group invites ({invites.Count}) — answer with `wisp group accept|decline <GroupID>`:");
                foreach (var invite in invites)
                    stdout.WriteLine(GroupPrinting.Line(session, invite));
            }
            return 0;
        }
    }

    private static JsonNode Direct(ConversationSummary summary)
    {
        var json = MessagePrinting.Json(summary);
        json["kind"] = "direct";
        return json;
    }

    // A group beside the 1:1 conversations: the SDK keeps no read marks for groups, so its unread count is null.
    private static JsonNode Group(WispClient session, GroupView group) => new JsonObject
    {
        ["kind"] = "group",
        ["group"] = group.Id,
        ["name"] = group.Name,
        ["role"] = group.Role.ToString().ToLowerInvariant(),
        ["state"] = group.Role == GroupRole.Invited ? "request" : "accepted",
        ["unread"] = null,
        ["last"] = session.Groups.History(group.Id, 1).LastOrDefault() is { } last ? GroupPrinting.Json(last) : null,
    };

    private static string Line(WispClient session, GroupView group)
    {
        var role = group.Role is GroupRole.Admin or GroupRole.Member ? "" : $" ({group.Role.ToString().ToLowerInvariant()})";
        var last = session.Groups.History(group.Id, 1).LastOrDefault() is { } message ? "  " + GroupPrinting.Line(session, message) : "";
        return $"# {group.Name} (group){role}{last}";
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
