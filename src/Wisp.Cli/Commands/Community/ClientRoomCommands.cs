using System.CommandLine;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client.Communities;

namespace Wisp.Cli.Commands.Community;

/// <summary><c>wisp community join URL</c>, <c>leave ROOM</c>, <c>list</c>.</summary>
internal static class ClientRoomCommands
{
    public static Command Join(ChatContext chat)
    {
        var url = new Argument<string>("url") { Description = "The room's URL in Session's form: http://host:port/ROOM?public_key=HEX." };
        var options = new ChatOptions();
        var command = new Command("join",
            "Join a community room by its URL (as Session shares it). The room's details are read from the server through an " +
            "onion path; from then on its messages are fetched with the others'. You appear there under a blinded ID (15…), " +
            "never your Account ID.") { url };
        options.AddTo(command, withNetwork: true);
        command.SetAction((parse, token) =>
        {
            // A malformed URL is refused before the profile is opened or the network touched.
            if (!CommunityUrl.TryParse(parse.GetValue(url), out _, out var urlError))
                return Task.FromResult(CliOutput.Error(urlError, parse.InvocationConfiguration.Error));
            return ClientCommands.WithClientAsync(parse, chat, options, true, async (client, stderr, json) =>
        {
            var joined = await client.Communities.JoinAsync(parse.GetValue(url)!, token);
            if (!joined.Ok)
                return ClientCommands.Failed(joined, stderr);
            Print(joined.Value!, parse.InvocationConfiguration.Output, json);
            return 0;
        });
        });
        return command;
    }

    public static Command Leave(ChatContext chat)
    {
        var room = ClientCommands.RoomArgument();
        var options = new ChatOptions();
        var command = new Command("leave", "Leave a community room: forget it and its messages on this device.") { room };
        options.AddTo(command, withNetwork: false);
        command.SetAction((parse, token) => ClientCommands.WithClientAsync(parse, chat, options, false, (client, stderr, json) =>
        {
            var left = client.Communities.Leave(parse.GetValue(room)!);
            if (!left.Ok)
                return Task.FromResult(ClientCommands.Failed(left, stderr));
            if (json)
                CliOutput.Json(new System.Text.Json.Nodes.JsonObject { ["left"] = parse.GetValue(room) }, parse.InvocationConfiguration.Output);
            else
                parse.InvocationConfiguration.Output.WriteLine($"Left {parse.GetValue(room)}.");
            return Task.FromResult(0);
        }));
        return command;
    }

    public static Command List(ChatContext chat)
    {
        var options = new ChatOptions();
        var command = new Command("list", "List the community rooms joined, with your blinded ID and role in each.");
        options.AddTo(command, withNetwork: false);
        command.SetAction((parse, token) => ClientCommands.WithClientAsync(parse, chat, options, false, (client, stderr, json) =>
        {
            var rooms = client.Communities.List();
            var stdout = parse.InvocationConfiguration.Output;
            if (json)
                stdout.WriteLine(CliJson.Document(new { rooms }));
            else if (rooms.Count == 0)
                stdout.WriteLine("No rooms joined. `wisp community join URL` joins one.");
            else
                foreach (var r in rooms)
                    stdout.WriteLine($"{r.Reference}  {r.Name ?? r.Token}  ({r.ActiveUsers} active{(r.Admin ? ", admin" : r.Moderator ? ", moderator" : "")}{(r.Write ? "" : ", read-only")})  {r.Url}");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static void Print(CommunityRoomView room, TextWriter stdout, bool json)
    {
        if (json)
        {
            stdout.WriteLine(CliJson.Document(room));
            return;
        }
        stdout.WriteLine($"Joined {room.Name ?? room.Token} ({room.Reference}) on {room.BaseUrl}.");
        if (room.Description is { Length: > 0 } description)
            stdout.WriteLine(description);
        stdout.WriteLine($"You appear there as {room.BlindedId}.");
    }
}
