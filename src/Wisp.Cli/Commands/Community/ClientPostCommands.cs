using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client.Communities;

namespace Wisp.Cli.Commands.Community;

/// <summary><c>wisp community post ROOM TEXT</c>, <c>reply ROOM ID TEXT</c>, <c>react ROOM ID EMOJI [--remove]</c>, <c>delete ROOM ID</c>.</summary>
internal static class ClientPostCommands
{
    public static Command Post(ChatContext chat)
    {
        var room = ClientCommands.RoomArgument();
        var text = new Argument<string>("text") { Description = "What to say (at most 2,000 bytes)." };
        var options = new ChatOptions();
        var command = new Command("post", "Post a message to a community room, signed with your blinded key, as Session posts.") { room, text };
        options.AddTo(command, withNetwork: true);
        command.SetAction((parse, token) => ClientCommands.WithClientAsync(parse, chat, options, true, async (client, stderr, json) =>
            Print(await client.Communities.PostAsync(parse.GetValue(room)!, parse.GetValue(text)!, token), parse, stderr, json)));
        return command;
    }

    public static Command Reply(ChatContext chat)
    {
        var room = ClientCommands.RoomArgument();
        var id = ClientCommands.MessageArgument("the message quoted");
        var text = new Argument<string>("text") { Description = "The reply." };
        var options = new ChatOptions();
        var command = new Command("reply", "Reply to a message of a community room, quoting it (Session's quote: its author, time and text).") { room, id, text };
        options.AddTo(command, withNetwork: true);
        command.SetAction((parse, token) => ClientCommands.WithClientAsync(parse, chat, options, true, async (client, stderr, json) =>
            Print(await client.Communities.ReplyAsync(parse.GetValue(room)!, parse.GetValue(id), parse.GetValue(text)!, token), parse, stderr, json)));
        return command;
    }

    public static Command React(ChatContext chat)
    {
        var room = ClientCommands.RoomArgument();
        var id = ClientCommands.MessageArgument("the message reacted to");
        var emoji = new Argument<string>("emoji") { Description = "One emoji, e.g. 👍." };
        var remove = new Option<bool>("--remove") { Description = "Take your reaction back." };
        var options = new ChatOptions();
        var command = new Command("react", "React to a message of a community room with an emoji, or take the reaction back with --remove.") { room, id, emoji, remove };
        options.AddTo(command, withNetwork: true);
        command.SetAction((parse, token) => ClientCommands.WithClientAsync(parse, chat, options, true, async (client, stderr, json) =>
        {
            var (r, m, e) = (parse.GetValue(room)!, parse.GetValue(id), parse.GetValue(emoji)!);
            var done = parse.GetValue(remove)
                ? await client.Communities.UnreactAsync(r, m, e, token)
                : await client.Communities.ReactAsync(r, m, e, token);
            return Done(done, parse, stderr, json, new JsonObject { ["room"] = r, ["id"] = m, ["emoji"] = e, ["removed"] = parse.GetValue(remove) },
                parse.GetValue(remove) ? $"Took {e} off #{m}." : $"Reacted {e} to #{m}.");
        }));
        return command;
    }

    public static Command Delete(ChatContext chat)
    {
        var room = ClientCommands.RoomArgument();
        var id = ClientCommands.MessageArgument("the message to delete");
        var options = new ChatOptions();
        var command = new Command("delete",
            "Delete a message of a community room: your own, or, as a moderator of the room, anyone's.") { room, id };
        options.AddTo(command, withNetwork: true);
        command.SetAction((parse, token) => ClientCommands.WithClientAsync(parse, chat, options, true, async (client, stderr, json) =>
        {
            var (r, m) = (parse.GetValue(room)!, parse.GetValue(id));
            var done = await client.Communities.DeleteAsync(r, m, token);
            return Done(done, parse, stderr, json, new JsonObject { ["room"] = r, ["deleted"] = m }, $"Deleted #{m}.");
        }));
        return command;
    }

    /// <summary>Prints a done call (its JSON or sentence), or why it failed.</summary>
    public static int Done(CommunityResult result, ParseResult parse, TextWriter stderr, bool json, JsonObject value, string sentence)
    {
        if (!result.Ok)
            return ClientCommands.Failed(result, stderr);
        if (json)
            CliOutput.Json(value, parse.InvocationConfiguration.Output);
        else
            parse.InvocationConfiguration.Output.WriteLine(sentence);
        return 0;
    }

    private static int Print(CommunityResult<CommunityMessageView> posted, ParseResult parse, TextWriter stderr, bool json)
    {
        if (!posted.Ok)
            return ClientCommands.Failed(posted, stderr);
        var stdout = parse.InvocationConfiguration.Output;
        if (json)
            stdout.WriteLine(CliJson.Document(posted.Value!));
        else
            stdout.WriteLine(ClientCommands.Line(posted.Value!));
        return 0;
    }
}
