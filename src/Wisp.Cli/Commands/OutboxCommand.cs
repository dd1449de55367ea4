using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client.Conversations;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp outbox</c>: messages still sending, and failed ones with their reason and the way out.</summary>
internal static class OutboxCommand
{
    public static Command Create(ChatContext context)
    {
        var options = new ChatOptions();
        var command = new Command(
            "outbox",
            "List messages not yet stored in their recipient's swarm: sending (retried by every wisp that reaches the " +
            "network, until their 14 days are over) and failed (with the reason; `wisp retry ID|--all` puts them back).");
        options.AddTo(command, withNetwork: false);
        command.SetAction(parse =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            if (!ClientSession.TryOpen(parse, context, options, withNetwork: false, stderr, out var client, out var exitCode))
                return exitCode;
            using var _ = new ClosesClient(client);
            var unsent = client.Outbox.List();
            if (parse.GetValue(options.Json))
            {
                CliOutput.Json(new JsonObject { ["messages"] = new JsonArray([.. unsent.Select(m => (JsonNode)MessagePrinting.Json(m))]) }, stdout);
                return 0;
            }
            if (unsent.Count == 0)
            {
                stdout.WriteLine("The outbox is empty: every message you wrote was stored in its recipient's swarm.");
                return 0;
            }
            foreach (var message in unsent)
                stdout.WriteLine(Line(message, client.Contacts.NameOf(message.Peer)));
            if (unsent.Any(m => m.Delivery == DeliveryState.Failed))
                stdout.WriteLine("`wisp retry ID` (or --all) puts failed messages back in the outbox.");
            return 0;
        });
        return command;
    }

    private static string Line(MessageView message, string name)
    {
        var state = message.Delivery == DeliveryState.Failed
            ? $"FAILED: {message.FailureReason}"
            : $"sending ({message.Attempts} attempt{(message.Attempts == 1 ? "" : "s")}{(message.FailureReason is { } reason ? $"; last error: {reason}" : "")}" +
              $"{(message.DeadlineAtMs is { } deadline ? $"; retried until {DateTimeOffset.FromUnixTimeMilliseconds(deadline).ToLocalTime():yyyy-MM-dd HH:mm}" : "")})";
        return $"{message.Id}  [{MessagePrinting.Clock(message.SentAtMs)}] to {name}: {MessagePrinting.Excerpt(message.Body, 40)}  {state}";
    }
}
