using System.CommandLine;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client;
using Wisp.Client.Communities;

namespace Wisp.Cli.Commands.Community;

/// <summary>
/// The client's community verbs under <c>wisp community</c>: join, leave, list, read, post, reply, react, delete, dm,
/// and a moderator's <c>mod ban</c> / <c>mod unban</c>. Each opens the profile, connects to the local network (the
/// server is reached through its onion paths) and goes through <see cref="WispClient.Communities"/> only.
/// </summary>
internal static class ClientCommands
{
    /// <summary>Adds the client verbs to the <c>community</c> command and returns it.</summary>
    public static Command Attach(Command community, ChatContext chat)
    {
        community.Subcommands.Add(ClientRoomCommands.Join(chat));
        community.Subcommands.Add(ClientRoomCommands.Leave(chat));
        community.Subcommands.Add(ClientRoomCommands.List(chat));
        community.Subcommands.Add(ClientReadCommand.Create(chat));
        community.Subcommands.Add(ClientPostCommands.Post(chat));
        community.Subcommands.Add(ClientPostCommands.Reply(chat));
        community.Subcommands.Add(ClientPostCommands.React(chat));
        community.Subcommands.Add(ClientPostCommands.Delete(chat));
        community.Subcommands.Add(ClientDmCommand.Create(chat));
        community.Subcommands.Add(ClientModCommands.Create(chat));
        community.Subcommands.Add(BotCommand.Create(chat)); // `wisp community bot serve`, the bot API
        return community;
    }

    /// <summary>The room argument every verb takes.</summary>
    public static Argument<string> RoomArgument() =>
        new("room") { Description = "The room: its token (e.g. lobby), host:port/token when two joined servers share it, or its URL." };

    /// <summary>The message id argument.</summary>
    public static Argument<long> MessageArgument(string what) => new("id") { Description = $"The message's id ({what}; `wisp community read ROOM` shows ids)." };

    /// <summary>Opens the profile, connects it and runs <paramref name="body"/>; prints an error and gives the exit code when opening fails.</summary>
    public static async Task<int> WithClientAsync(
        ParseResult parse, ChatContext chat, ChatOptions options, bool withNetwork, Func<WispClient, TextWriter, bool, Task<int>> body)
    {
        var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        if (!ClientSession.TryOpen(parse, chat, options, withNetwork, stderr, out var client, out var exitCode))
            return exitCode;
        await using (client)
            return await body(client, stderr, parse.GetValue(options.Json)).ConfigureAwait(false) is var code && code >= 0 ? code : CliOutput.Failure;
    }

    /// <summary>Prints why a community call failed: exit 1 when the server was not reached or refused, 2 for bad input.</summary>
    public static int Failed(CommunityResult result, TextWriter stderr) =>
        CliOutput.Error(result.Error!, stderr, result.Status is not null || result.Error!.Contains("reach", StringComparison.Ordinal)
            || result.Error.Contains("not connected", StringComparison.Ordinal) ? CliOutput.Failure : CliOutput.UsageError);

    /// <summary>One message as a line of text.</summary>
    public static string Line(CommunityMessageView m)
    {
        var when = DateTimeOffset.FromUnixTimeMilliseconds(m.PostedMs).ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var who = m.Mine ? "you" : (m.SenderName is { } name ? $"{name} ({m.Sender[..10]}…)" : $"{m.Sender[..10]}…");
        var text = m.Deleted ? "[deleted]" : m.Text ?? "[not shown]";
        var reply = m.ReplyTo is { } to ? $" ↪ #{to}" : m.QuoteText is { } quote ? $" ↪ \"{quote}\"" : "";
        var reactions = m.Reactions.Count == 0 ? "" : "  " + string.Join(" ", m.Reactions.Select(r => $"{r.Emoji}{r.Count}"));
        return $"#{m.Id} {when} {who}{reply}: {text}{reactions}";
    }
}
