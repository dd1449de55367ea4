using System.CommandLine;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;

namespace Wisp.Cli.Commands.Community;

/// <summary><c>wisp community read ROOM [--limit N] [--offline]</c>: fetches what is new in the joined rooms, then prints the room's newest messages.</summary>
internal static class ClientReadCommand
{
    public static Command Create(ChatContext chat)
    {
        var room = ClientCommands.RoomArgument();
        var limit = new Option<int>("--limit") { Description = "How many of the newest messages to print (1–1000).", DefaultValueFactory = _ => 50 };
        var offline = new Option<bool>("--offline") { Description = "Print what is stored here without fetching." };
        var options = new ChatOptions();
        var command = new Command("read",
            "Read a community room: fetch what is new (one /batch poll through an onion path), then print its newest " +
            "messages with ids, authors' blinded IDs, replies and reactions.") { room, limit, offline };
        options.AddTo(command, withNetwork: true);
        command.SetAction((parse, token) =>
        {
            var fetch = !parse.GetValue(offline);
            return ClientCommands.WithClientAsync(parse, chat, options, fetch, async (client, stderr, json) =>
            {
                var name = parse.GetValue(room)!;
                var count = parse.GetValue(limit);
                if (count is < 1 or > 1000)
                    return CliOutput.Error("--limit must be 1–1000", stderr);
                if (client.Communities.Find(name, out var error) is null)
                    return CliOutput.Error(error!, stderr);
                if (fetch)
                {
                    var fetched = await client.Communities.FetchAsync(token);
                    if (!fetched.Ok)
                        stderr.WriteLine($"warning: {fetched.Error}");
                }
                var messages = client.Communities.History(name, count);
                var stdout = parse.InvocationConfiguration.Output;
                if (json)
                    stdout.WriteLine(CliJson.Document(new { room = client.Communities.Find(name, out _), messages }));
                else if (messages.Count == 0)
                    stdout.WriteLine("No messages yet.");
                else
                    foreach (var message in messages)
                        stdout.WriteLine(ClientCommands.Line(message));
                return 0;
            });
        });
        return command;
    }
}
