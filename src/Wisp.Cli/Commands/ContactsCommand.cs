using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client.Conversations;
using Wisp.Crypto.Keys;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp contacts [add &lt;AccountID&gt; &lt;nickname&gt; | remove &lt;AccountID|nickname&gt;]</c>.</summary>
internal static class ContactsCommand
{
    public static Command Create(ChatContext context)
    {
        var listOptions = new ChatOptions();
        var command = new Command(
            "contacts",
            "List contacts. A contact's nickname (unique, kept encrypted on disk) can stand for its Account ID in send and chat.");
        listOptions.AddTo(command, withNetwork: false);
        command.SetAction(parse => List(parse, context, listOptions));
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(Remove(context));
        command.Subcommands.Add(ContactKeysShow.Create(context));
        command.Subcommands.Add(DirectCommand.Create(context)); // direct mode (issue 20): list, on, off
        return command;
    }

    private static int List(ParseResult parse, ChatContext context, ChatOptions options)
    {
        var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        if (!ClientSession.TryOpen(parse, context, options, withNetwork: false, stderr, out var session, out var exitCode))
            return exitCode;
        using var _ = new ClosesClient(session);
        Print(session.Contacts.List(), "contacts", "No contacts. Add one with `wisp contacts add <AccountID> <nickname>`.",
            parse.GetValue(options.Json), stdout);
        return 0;
    }

    /// <summary>Prints accounts with their nicknames: a JSON object with one array under <paramref name="key"/>, or a line each.</summary>
    internal static void Print(IReadOnlyList<Contact> contacts, string key, string whenEmpty, bool json, TextWriter stdout)
    {
        if (json)
        {
            CliOutput.Json(new JsonObject
            {
                [key] = new JsonArray([.. contacts.Select(c => (JsonNode)new JsonObject
                {
                    ["account_id"] = c.AccountId.Hex,
                    ["nickname"] = c.Nickname,
                    ["display_name"] = c.DisplayName,
                })]),
            }, stdout);
            return;
        }
        if (contacts.Count == 0)
            stdout.WriteLine(whenEmpty);
        foreach (var contact in contacts)
            // A display name is the peer's own choice, shown in brackets: only a nickname can be typed for them.
            stdout.WriteLine($"{contact.Nickname ?? (contact.DisplayName is { } shown ? $"({shown})" : "(no nickname)"),-32} {contact.AccountId.Hex}");
    }

    private static Command Add(ChatContext context)
    {
        var options = new ChatOptions();
        var id = new Argument<string>("account-id") { Description = "Their Account ID (05…)." };
        var nickname = new Argument<string>("nickname") { Description = "A name for them, unique among your contacts (at most 32 characters)." };
        var command = new Command("add", "Add a contact, or rename one.") { id, nickname };
        options.AddTo(command, withNetwork: false);
        command.SetAction(parse =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            if (!AccountIdInput.TryParse(parse.GetValue(id), out var accountId, out var idError))
                return CliOutput.Error(idError, stderr);
            if (!ClientSession.TryOpen(parse, context, options, withNetwork: false, stderr, out var session, out var exitCode))
                return exitCode;
            using var _ = new ClosesClient(session);
            if (!session.Contacts.TrySet(accountId, parse.GetValue(nickname)!, out var error))
                return CliOutput.Error(error, stderr);
            if (parse.GetValue(options.Json))
                CliOutput.Json(new JsonObject { ["account_id"] = accountId.Hex, ["nickname"] = session.Contacts.NicknameOf(accountId) }, stdout);
            else
                stdout.WriteLine($"{session.Contacts.NicknameOf(accountId)} is {accountId.Hex}");
            return 0;
        });
        return command;
    }

    private static Command Remove(ChatContext context)
    {
        var options = new ChatOptions();
        var who = new Argument<string>("contact") { Description = "The contact's Account ID or nickname." };
        var command = new Command("remove", "Remove a contact (the conversation and its messages stay).") { who };
        options.AddTo(command, withNetwork: false);
        command.SetAction(parse =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            if (!ClientSession.TryOpen(parse, context, options, withNetwork: false, stderr, out var session, out var exitCode))
                return exitCode;
            using var _ = new ClosesClient(session);
            if (!AccountIdInput.TryResolvePeer(session.Contacts, parse.GetValue(who)!, out var peer, out var error))
                return CliOutput.Error(error, stderr);
            var removed = session.Contacts.Remove(peer);
            if (parse.GetValue(options.Json))
                CliOutput.Json(new JsonObject { ["account_id"] = peer.Hex, ["removed"] = removed }, stdout);
            else
                stdout.WriteLine(removed ? $"removed {peer.Hex}" : $"{peer.Hex} was not a contact");
            return removed ? 0 : CliOutput.UsageError;
        });
        return command;
    }
}
