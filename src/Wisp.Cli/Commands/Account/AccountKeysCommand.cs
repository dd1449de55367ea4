using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;

namespace Wisp.Cli.Commands.Account;

/// <summary>
/// <c>wisp account keys [--publish on|off] [--now]</c>: the account's protocol v2 keys (when the current one was made,
/// when it rotates, how many are kept, whether its bundle is published), publishing turned on or off, and with
/// <c>--now</c> the upkeep done at once (rotation if due, bundle published) through the network.
/// </summary>
internal static class AccountKeysCommand
{
    public static Command Create(ChatContext context)
    {
        var options = new ChatOptions();
        var publish = new Option<string?>("--publish")
        {
            Description = "on (the default) publishes the account's v2 keys so contacts send it forward-secret messages; off keeps " +
                          "them unpublished: contacts then send v1, marked not forward-secret (for an account whose other devices lack v2).",
        };
        publish.AcceptOnlyFromAmong("on", "off");
        var now = new Option<bool>("--now") { Description = "Do the key upkeep now through the network: rotate if due, publish the current keys." };
        var command = new Command("keys", "Show the account's protocol v2 keys (forward secrecy) and whether they are published.") { publish, now };
        options.AddTo(command, withNetwork: true);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var online = parse.GetValue(now);
            if (!ClientSession.TryOpen(parse, context, options, withNetwork: online, stderr, out var session, out var exitCode))
                return exitCode;
            await using var _ = session;
            if (parse.GetValue(publish) is { } setting)
                session.Keys.SetPublishing(setting == "on");
            if (online && await session.Keys.UpkeepAsync(cancellationToken) is { } problem)
                return CliOutput.Error($"the keys could not be published: {problem}", stderr, CliOutput.Failure);
            var status = session.Keys.Status();
            if (parse.GetValue(options.Json))
            {
                CliOutput.Json(new JsonObject
                {
                    ["publishing"] = status.Publishing,
                    ["current_created_at"] = status.CurrentCreated?.ToUnixTimeMilliseconds(),
                    ["rotates_at"] = status.RotatesAt?.ToUnixTimeMilliseconds(),
                    ["retained"] = status.Retained,
                    ["published_at"] = status.PublishedAt?.ToUnixTimeMilliseconds(),
                    ["current_published"] = status.CurrentPublished,
                }, stdout);
                return 0;
            }
            stdout.WriteLine($"publishing: {(status.Publishing ? "on" : "off (contacts send v1: not forward-secret)")}");
            stdout.WriteLine($"current key: made {When(status.CurrentCreated)}, rotates {When(status.RotatesAt)}; {status.Retained} kept (16 days after rotation)");
            stdout.WriteLine($"published: {(status.CurrentPublished ? $"yes, {When(status.PublishedAt)}" : "not the current key yet (a running wisp daemon/chat/web publishes it)")}");
            return 0;
        });
        return command;
    }

    private static string When(DateTimeOffset? at) =>
        at is { } time ? time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "never";
}
