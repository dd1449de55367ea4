using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Client;
using Wisp.Client.Groups;

namespace Wisp.Cli.Commands;

/// <summary>
/// <c>wisp chat &lt;group&gt;</c>: the group's history, then every new message and system line as it arrives (the client
/// polls the group's swarm in the background); each line typed is sent to the group. /quit or Ctrl-D leaves.
/// </summary>
internal static class GroupChat
{
    public static async Task<int> RunAsync(WispClient client, GroupView group, bool json, bool terminal, TextWriter stdout, CancellationToken cancellationToken)
    {
        var input = new LineInput(stdout, terminal && !json);
        void Show(GroupMessageView message)
        {
            if (message.GroupId != group.Id)
                return;
            if (json)
                EventJson.WriteLine(new JsonObject { ["event"] = "group_message", ["message"] = GroupPrinting.Json(message) }, stdout);
            else
                input.Print(GroupPrinting.Line(client, message));
        }
        if (json)
        {
            EventJson.WriteLine(new JsonObject { ["event"] = "chat", ["group"] = GroupPrinting.Json(client, group) }, stdout);
            foreach (var message in client.Groups.History(group.Id, 50))
                EventJson.WriteLine(new JsonObject { ["event"] = "history", ["message"] = GroupPrinting.Json(message) }, stdout);
        }
        else
        {
            input.Print($"Group chat in \"{group.Name}\" ({group.Id}), you are {group.Role.ToString().ToLowerInvariant()}. Type and press Enter to send; /quit or Ctrl-D leaves.");
            if (group.Role == GroupRole.Invited)
                input.Print($"This is an invite: `wisp group accept {group.Id}` joins (or `wisp group decline`).");
            foreach (var message in client.Groups.History(group.Id, 50))
                input.Print(GroupPrinting.Line(client, message));
        }
        client.Groups.MessageAdded += message =>
        {
            if (!message.Outgoing || message.Kind == GroupMessageKind.Update)
                Show(message);
        };
        client.Start();
        while (await input.ReadLineAsync(cancellationToken) is { } typed)
        {
            var line = typed.Trim();
            if (line.Length == 0)
                continue;
            if (line is "/quit" or "/q")
                break;
            var body = line.StartsWith("//", StringComparison.Ordinal) ? line[1..] : line;
            if (line.StartsWith('/') && !line.StartsWith("//", StringComparison.Ordinal))
            {
                input.Print("(in a group chat the commands are /quit; // sends a line that starts with /)");
                continue;
            }
            var (message, error) = await client.Groups.SendAsync(group.Id, body, cancellationToken);
            if (message is not null)
                Show(message);
            if (error is not null && !json)
                input.Print($"(not sent: {error})");
        }
        return 0;
    }
}
