using System.CommandLine;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client;
using Wisp.Client.Groups;
using Wisp.Crypto.Keys;

namespace Wisp.Cli.Commands;

/// <summary>
/// <c>wisp group create|invite|remove|promote|leave|rename|describe|list|show|accept|decline</c>: closed groups. Each
/// subcommand is one <see cref="ClientGroups"/> call; the printing is in <see cref="GroupPrinting"/>.
/// </summary>
internal static class GroupCommand
{
    public static Command Create(ChatContext context)
    {
        var command = new Command(
            "group",
            "Closed groups (Session's groups v2): the group is a key pair whose swarm holds its messages; admins invite, " +
            "remove (which rotates the group's key, so a removed member reads nothing sent after) and promote. Name a " +
            "group by its ID (03…) or its name. Invites arrive as requests: `wisp group list --fetch` shows them, " +
            "`wisp group accept` joins. Send with `wisp send <group> <text>`, talk with `wisp chat <group>`.");
        var name = new Argument<string>("name") { Description = "The group's name (at most 100 bytes)." };
        var members = new Argument<string[]>("members") { Description = "Members: Account IDs (05…) or contacts' nicknames.", Arity = ArgumentArity.ZeroOrMore };
        command.Subcommands.Add(Network(context, "create", "Create a group with you as its admin and invite the members named.", [name, members],
            async (parse, client, stderr, token) =>
            {
                if (!TryMembers(client, parse.GetValue(members) ?? [], stderr, out var ids, out var bad))
                    return (null, bad);
                return (await client.Groups.CreateAsync(parse.GetValue(name)!, ids, token), 0);
            }));
        var group = new Argument<string>("group") { Description = "The group: its ID (03…) or its name." };
        var some = new Argument<string[]>("members") { Description = "Account IDs (05…) or contacts' nicknames.", Arity = ArgumentArity.OneOrMore };
        command.Subcommands.Add(OnGroup(context, "invite", "Invite members (admins): they get the group's current keys and a 1:1 invite they accept or decline.", [some],
            (parse, client, id, stderr, token) => WithMembers(client, parse.GetValue(some)!, stderr, ids => client.Groups.InviteAsync(id, ids, token))));
        command.Subcommands.Add(OnGroup(context, "remove", "Remove members (admins): a new key generation without them, their access revoked; they cannot read what is sent from now on.", [some],
            (parse, client, id, stderr, token) => WithMembers(client, parse.GetValue(some)!, stderr, ids => client.Groups.RemoveAsync(id, ids, token))));
        var one = new Argument<string>("member") { Description = "An Account ID (05…) or a contact's nickname." };
        command.Subcommands.Add(OnGroup(context, "promote", "Make a member an admin (admins): they are sent the group's key.", [one],
            (parse, client, id, stderr, token) => WithMembers(client, [parse.GetValue(one)!], stderr, ids => client.Groups.PromoteAsync(id, ids[0], token))));
        command.Subcommands.Add(OnGroup(context, "leave", "Leave the group: the members see that you left; you read nothing more.", [],
            async (_, client, id, _, token) => (await client.Groups.LeaveAsync(id, token), 0)));
        var newName = new Argument<string>("new-name") { Description = "The new name." };
        command.Subcommands.Add(OnGroup(context, "rename", "Rename the group (admins); the members see the new name.", [newName],
            async (parse, client, id, _, token) => (await client.Groups.RenameAsync(id, parse.GetValue(newName)!, token), 0)));
        var text = new Argument<string>("description") { Description = "The description (at most 600 bytes)." };
        command.Subcommands.Add(OnGroup(context, "describe", "Set the group's description (admins).", [text],
            async (parse, client, id, _, token) => (await client.Groups.DescribeAsync(id, parse.GetValue(text)!, token), 0)));
        command.Subcommands.Add(OnGroup(context, "accept", "Accept an invite: join the group and read its messages.", [],
            async (_, client, id, _, token) => (await client.Groups.AcceptAsync(id, token), 0)));
        command.Subcommands.Add(OnGroup(context, "decline", "Decline an invite: the group is forgotten.", [],
            (_, client, id, _, _) => Task.FromResult<(GroupResult?, int)>((client.Groups.Decline(id), 0))));
        command.Subcommands.Add(GroupListing.List(context));
        command.Subcommands.Add(GroupListing.Show(context));
        return command;
    }

    internal delegate Task<(GroupResult? Result, int UsageExit)> NetworkAction(ParseResult parse, WispClient client, TextWriter stderr, CancellationToken token);

    internal delegate Task<(GroupResult? Result, int UsageExit)> GroupAction(ParseResult parse, WispClient client, string groupId, TextWriter stderr, CancellationToken token);

    private static Command OnGroup(ChatContext context, string verb, string description, Argument[] arguments, GroupAction action)
    {
        var group = new Argument<string>("group") { Description = "The group: its ID (03…) or its name." };
        return Network(context, verb, description, [group, .. arguments], async (parse, client, stderr, token) =>
        {
            var named = client.Groups.Find(parse.GetValue(group)!, out var error);
            // Invites and promotions come 1:1: fetch them first when the command needs one this account may not have yet.
            var needsAdmin = verb is "invite" or "remove" or "promote" or "rename" or "describe";
            if ((named is null || verb == "accept" || (needsAdmin && named.Role != GroupRole.Admin)) && await client.FetchAsync(token) is { } fetchError)
                stderr.WriteLine($"(could not fetch new invites: {fetchError})");
            if (named is null && client.Groups.Find(parse.GetValue(group)!, out _) is null)
                await client.Groups.FetchAsync(token); // renamed meanwhile: the group's info says so
            if (client.Groups.Find(parse.GetValue(group)!, out error) is not { } found)
                return (null, CliOutput.Error(error!, stderr));
            return await action(parse, client, found.Id, stderr, token);
        });
    }

    private static Command Network(ChatContext context, string verb, string description, Argument[] arguments, NetworkAction action)
    {
        var options = new ChatOptions();
        var command = new Command(verb, description);
        foreach (var argument in arguments)
            command.Arguments.Add(argument);
        options.AddTo(command, withNetwork: true);
        command.SetAction(async (parse, token) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            if (!ClientSession.TryOpen(parse, context, options, withNetwork: true, stderr, out var client, out var exitCode))
                return exitCode;
            await using (client)
            {
                var (result, usageExit) = await action(parse, client, stderr, token);
                if (result is null)
                    return usageExit;
                GroupPrinting.Result(client, verb, result, parse.GetValue(options.Json), stdout, stderr);
                return result.Ok ? 0 : CliOutput.Failure;
            }
        });
        return command;
    }

    private static async Task<(GroupResult?, int)> WithMembers(WispClient client, string[] texts, TextWriter stderr, Func<List<AccountId>, Task<GroupResult>> run)
    {
        if (!TryMembers(client, texts, stderr, out var ids, out var bad))
            return (null, bad);
        return (await run(ids), 0);
    }

    private static bool TryMembers(WispClient client, string[] texts, TextWriter stderr, out List<AccountId> ids, out int exitCode)
    {
        ids = [];
        exitCode = 0;
        foreach (var text in texts)
        {
            if (!AccountIdInput.TryResolvePeer(client.Contacts, text, out var id, out var error))
            {
                exitCode = CliOutput.Error(error, stderr);
                return false;
            }
            ids.Add(id);
        }
        return true;
    }
}
