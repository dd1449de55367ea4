using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp blocked</c> lists blocked accounts; <c>wisp unblock PEER</c> lets one write again.</summary>
internal static class BlockedCommand
{
    public static Command Create(ChatContext context)
    {
        var options = new ChatOptions();
        var command = new Command(
            "blocked",
            "List blocked accounts: their messages are dropped on arrival and nothing is sent to them. Unblock one with " +
            "`wisp unblock <AccountID>`; block with `wisp requests block <AccountID>`.");
        options.AddTo(command, withNetwork: false);
        command.SetAction(parse =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            if (!ClientSession.TryOpen(parse, context, options, withNetwork: false, stderr, out var session, out var exitCode))
                return exitCode;
            using var _ = new ClosesClient(session);
            ContactsCommand.Print(session.Contacts.Blocked(), "blocked", "No one is blocked.", parse.GetValue(options.Json), stdout);
            return 0;
        });
        return command;
    }

    public static Command CreateUnblock(ChatContext context)
    {
        var options = new ChatOptions();
        var who = new Argument<string>("peer") { Description = "The blocked Account ID, or its nickname." };
        var command = new Command("unblock", "Unblock someone: their messages arrive again and the conversation is back in your inbox.") { who };
        options.AddTo(command, withNetwork: false);
        command.SetAction(parse =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            if (!ClientSession.TryOpen(parse, context, options, withNetwork: false, stderr, out var session, out var exitCode))
                return exitCode;
            using var _ = new ClosesClient(session);
            if (!AccountIdInput.TryResolvePeer(session.Contacts, parse.GetValue(who)!, out var peer, out var error))
                return CliOutput.Error(error, stderr);
            if (!session.Contacts.TryUnblock(peer, out var unblockError))
                return CliOutput.Error(unblockError, stderr, CliOutput.Failure);
            if (parse.GetValue(options.Json))
                CliOutput.Json(new JsonObject { ["peer"] = peer.Hex, ["state"] = "accepted" }, stdout);
            else
                stdout.WriteLine($"{peer.Hex}: unblocked");
            return 0;
        });
        return command;
    }
}
