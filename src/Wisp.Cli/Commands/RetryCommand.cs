using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp retry ID|--all</c>: puts failed messages back in the outbox and tries them once if the network is there.</summary>
internal static class RetryCommand
{
    public static Command Create(ChatContext context)
    {
        var id = new Argument<string?>("id") { Description = "The failed message's id (`wisp outbox` lists them).", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Retry every failed message." };
        var options = new ChatOptions();
        var command = new Command(
            "retry",
            "Put a failed message (or every one, --all) back in the outbox with 14 new days to reach its recipient, and " +
            "try it now if the network is reachable. Whatever is not sent now goes out with the next wisp that reaches the network.")
        {
            id,
            all,
        };
        options.AddTo(command, withNetwork: true);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, context, options, parse.GetValue(id), parse.GetValue(all), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, ChatContext context, ChatOptions options, string? id, bool all, CancellationToken cancellationToken)
    {
        var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        if ((id is null) == !all)
            return CliOutput.Error("give the id of a failed message (`wisp outbox` lists them), or --all.", stderr);
        if (!ClientSession.TryOpen(parse, context, options, withNetwork: false, stderr, out var client, out var exitCode))
            return exitCode;
        await using (client)
        {
            IReadOnlyList<string> retried;
            if (all)
            {
                retried = client.Outbox.RetryAll();
            }
            else if (client.Outbox.Retry(id!, out var error))
            {
                retried = [id!];
            }
            else
            {
                return CliOutput.Error(error!, stderr);
            }
            await TrySendAsync(client, parse, context, options, retried, cancellationToken);
            var states = retried.Select(client.Outbox.Find).OfType<Client.Conversations.MessageView>().ToList();
            if (parse.GetValue(options.Json))
            {
                CliOutput.Json(new JsonObject { ["retried"] = new JsonArray([.. states.Select(m => (JsonNode)MessagePrinting.Json(m))]) }, stdout);
                return 0;
            }
            if (states.Count == 0)
                stdout.WriteLine("No failed messages to retry.");
            foreach (var message in states)
                stdout.WriteLine($"{message.Id}: {MessagePrinting.Word(message.Delivery!.Value)}{MessagePrinting.Status(message)}");
            return 0;
        }
    }

    /// <summary>Tries the retried messages now when the network is reachable; offline, they simply wait in the outbox.</summary>
    private static async Task TrySendAsync(
        WispClient client, ParseResult parse, ChatContext context, ChatOptions options, IReadOnlyList<string> retried, CancellationToken cancellationToken)
    {
        if (retried.Count == 0 || !client.ConnectLocalNetwork(ClientSession.NetworkFolder(parse, context, options), out _))
            return;
        await client.Outbox.DeliverAsync(ChatLimits.QuickFlush, TimeProvider.System, cancellationToken);
    }
}
