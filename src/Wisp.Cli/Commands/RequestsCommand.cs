using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client.Conversations;
using Wisp.Crypto.Keys;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp requests [accept|decline|block &lt;AccountID&gt;]</c>: messages from people the account does not know yet.</summary>
internal static class RequestsCommand
{
    public static Command Create(ChatContext context)
    {
        var listOptions = new ChatOptions();
        var command = new Command(
            "requests",
            "List message requests: conversations started by people you have not accepted. Nothing (no read receipt, no " +
            "typing indicator) goes back to them until you accept or reply.");
        listOptions.AddTo(command, withNetwork: false);
        command.SetAction(parse => List(parse, context, listOptions, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        command.Subcommands.Add(Answer(context, "accept", ConversationState.Accepted, "Accept a pending message request: the conversation moves to your inbox and the sender becomes a contact. An Account ID that sent no pending request is an error."));
        command.Subcommands.Add(Answer(context, "decline", ConversationState.Declined, "Decline a request: its messages are deleted; if they write again it is a new request."));
        command.Subcommands.Add(Answer(context, "block", ConversationState.Blocked, "Block someone: their messages are dropped on arrival."));
        return command;
    }

    private static int List(ParseResult parse, ChatContext context, ChatOptions options, TextWriter stdout, TextWriter stderr)
    {
        if (!ClientSession.TryOpen(parse, context, options, withNetwork: false, stderr, out var session, out var exitCode))
            return exitCode;
        using var _ = new ClosesClient(session);
        var requests = session.Conversations.List(ConversationState.Request);
        if (parse.GetValue(options.Json))
        {
            CliOutput.Json(new JsonObject { ["requests"] = new JsonArray([.. requests.Select(r => (JsonNode)MessagePrinting.Json(r))]) }, stdout);
            return 0;
        }
        if (requests.Count == 0)
        {
            stdout.WriteLine("No message requests.");
            return 0;
        }
        foreach (var request in requests)
        {
            stdout.WriteLine($"{request.Conversation.Peer.Hex}  ({request.Unread} unread)");
            if (request.Last is { } last)
                stdout.WriteLine("    " + MessagePrinting.Line(last, session.Contacts.NameOf(request.Conversation.Peer)));
        }
        return 0;
    }

    private static Command Answer(ChatContext context, string verb, ConversationState state, string description)
    {
        var options = new ChatOptions();
        var who = new Argument<string>("account-id") { Description = "The sender's Account ID." };
        var command = new Command(verb, description) { who };
        options.AddTo(command, withNetwork: false);
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            if (!AccountIdInput.TryParse(parse.GetValue(who), out var peer, out var idError))
                return CliOutput.Error(idError, stderr);
            if (!ClientSession.TryOpen(parse, context, options, withNetwork: false, stderr, out var session, out var exitCode))
                return exitCode;
            using var _ = new ClosesClient(session);
            Conversation conversation;
            if (state == ConversationState.Accepted)
            {
                // Only a pending request can be accepted: anything else would make an empty contact out of a typo.
                if (!session.Conversations.TryAcceptRequest(peer, out var accepted, out var acceptError))
                    return CliOutput.Error(acceptError, stderr, CliOutput.Failure);
                conversation = accepted;
            }
            else
            {
                conversation = state == ConversationState.Declined ? session.Conversations.Decline(peer) : session.Conversations.Block(peer);
            }
            if (parse.GetValue(options.Json))
                CliOutput.Json(new JsonObject { ["peer"] = peer.Hex, ["state"] = MessagePrinting.Word(conversation.State) }, stdout);
            else
                stdout.WriteLine($"{peer.Hex}: {MessagePrinting.Word(conversation.State)}");
            return 0;
        });
        return command;
    }
}
