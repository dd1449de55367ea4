using System.CommandLine;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;

namespace Wisp.Cli.Commands.Community;

/// <summary><c>wisp community dm ROOM [BLINDED_ID TEXT]</c>: sends a direct message to a member, or lists the server's DMs.</summary>
internal static class ClientDmCommand
{
    public static Command Create(ChatContext chat)
    {
        var room = ClientCommands.RoomArgument();
        var to = new Argument<string?>("blinded-id") { Description = "The member's blinded ID (15…, as `read` shows authors). Leave out to list DMs.", Arity = ArgumentArity.ZeroOrOne };
        var text = new Argument<string?>("text") { Description = "The message.", Arity = ArgumentArity.ZeroOrOne };
        var options = new ChatOptions();
        var command = new Command("dm",
            "Send a direct message to a member of a community room by their blinded ID, encrypted so only they can read it " +
            "(Session's blinded messages; they learn your Account ID). Without an ID and text, fetch and list the DMs on the room's server.")
        { room, to, text };
        options.AddTo(command, withNetwork: true);
        command.SetAction((parse, token) => ClientCommands.WithClientAsync(parse, chat, options, true, async (client, stderr, json) =>
        {
            var (r, id, message) = (parse.GetValue(room)!, parse.GetValue(to), parse.GetValue(text));
            var stdout = parse.InvocationConfiguration.Output;
            if (id is null)
            {
                if (client.Communities.Find(r, out var error) is null)
                    return CliOutput.Error(error!, stderr);
                var fetched = await client.Communities.FetchAsync(token);
                if (!fetched.Ok)
                    stderr.WriteLine($"warning: {fetched.Error}");
                var dms = client.Communities.Dms(r);
                if (json)
                    stdout.WriteLine(CliJson.Document(new { dms }));
                else
                    foreach (var dm in dms)
                        stdout.WriteLine($"{(dm.Outgoing ? "→ " + dm.Peer[..10] : "← " + dm.Peer[..10])}… ({dm.SenderAccountId}): {dm.Text}");
                return 0;
            }
            if (message is null)
                return CliOutput.Error("give the message after the blinded ID", stderr);
            var sent = await client.Communities.SendDmAsync(r, id, message, token);
            if (!sent.Ok)
                return ClientCommands.Failed(sent, stderr);
            if (json)
                stdout.WriteLine(CliJson.Document(sent.Value!));
            else
                stdout.WriteLine($"Sent to {sent.Value!.Peer}.");
            return 0;
        }));
        return command;
    }
}
