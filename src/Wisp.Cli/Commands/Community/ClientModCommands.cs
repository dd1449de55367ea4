using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;

namespace Wisp.Cli.Commands.Community;

/// <summary>
/// <c>wisp community mod ban|unban ROOM ID [--global] [--for DURATION]</c>: a moderator's calls through the network
/// (the server operator's own <c>wisp community ban</c> works on the server's data folder instead).
/// </summary>
internal static class ClientModCommands
{
    public static Command Create(ChatContext chat)
    {
        var command = new Command("mod", "A moderator's actions in a community room, through the network: ban and unban members (delete is `wisp community delete`).");
        command.Subcommands.Add(Ban(chat, unban: false));
        command.Subcommands.Add(Ban(chat, unban: true));
        return command;
    }

    private static Command Ban(ChatContext chat, bool unban)
    {
        var room = ClientCommands.RoomArgument();
        var who = new Argument<string>("id") { Description = "The member's blinded ID (15…) as the room shows it, or an Account ID (05…)." };
        var global = new Option<bool>("--global") { Description = "Server-wide, in every room (global moderators only)." };
        var duration = new Option<string?>("--for") { Description = "How long the ban lasts, e.g. 30m, 12h, 7d (default: until lifted)." };
        var options = new ChatOptions();
        var command = unban
            ? new Command("unban", "Lift a member's ban in the room (or, with --global, server-wide).") { room, who, global }
            : new Command("ban", "Ban a member from the room (or, with --global, the server): they can no longer read or post there.") { room, who, global, duration };
        options.AddTo(command, withNetwork: true);
        command.SetAction((parse, token) => ClientCommands.WithClientAsync(parse, chat, options, true, async (client, stderr, json) =>
        {
            var (r, id, all) = (parse.GetValue(room)!, parse.GetValue(who)!, parse.GetValue(global));
            TimeSpan? timeout = null;
            if (!unban && parse.GetValue(duration) is { } text)
            {
                if (!TryDuration(text, out var parsed))
                    return Output.CliOutput.Error($"--for \"{text}\" is not a duration like 30m, 12h or 7d", stderr);
                timeout = parsed;
            }
            var done = unban
                ? await client.Communities.UnbanAsync(r, id, all, token)
                : await client.Communities.BanAsync(r, id, all, timeout, token);
            var where = all ? "the server" : r;
            return ClientPostCommands.Done(done, parse, stderr, json,
                new JsonObject { ["room"] = r, ["id"] = id, ["global"] = all, [unban ? "unbanned" : "banned"] = true, ["seconds"] = timeout?.TotalSeconds },
                unban ? $"Lifted the ban of {id} in {where}." : $"Banned {id} from {where}{(timeout is { } t ? $" for {Span(t)}" : "")}.");
        }));
        return command;

        static string Span(TimeSpan t) => t.TotalDays >= 1 ? $"{t.TotalDays:0.#} days" : t.TotalHours >= 1 ? $"{t.TotalHours:0.#} hours" : $"{t.TotalMinutes:0.#} minutes";
    }

    private static bool TryDuration(string text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        if (text.Length < 2 || !double.TryParse(text[..^1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) || n <= 0)
            return false;
        duration = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => default,
        };
        return duration > TimeSpan.Zero;
    }
}
