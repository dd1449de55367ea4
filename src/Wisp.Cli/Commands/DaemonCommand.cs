using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Client;
using Wisp.Client.Conversations;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp daemon</c>: keeps an account online — receiving, sending the outbox, taking receipts — until stopped.</summary>
internal static class DaemonCommand
{
    public static Command Create(ChatContext context)
    {
        var options = new ChatOptions();
        var command = new Command(
            "daemon",
            "Keep the account online until Ctrl-C or SIGTERM: fetch new messages as they arrive (they wait in your inbox; " +
            "nothing is marked read), send what is in the outbox and retry it until its 14 days are over, take read " +
            "receipts, and delete disappearing messages on time. Prints one line per event (--json: one JSON object per line). " +
            "Other wisp commands of the same profile work while it runs.");
        options.AddTo(command, withNetwork: true);
        var push = new Push.PushDaemonOptions(); // push (issue 19): --push, --push-port, --endpoint, --server
        push.AddTo(command);
        var direct = new DirectStart(); // direct path (issue 20): --dht-bootstrap
        direct.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse, context, options, push, direct, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, ChatContext context, ChatOptions options, Push.PushDaemonOptions pushOptions, DirectStart direct, TextWriter stdout,
        TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!ClientSession.TryOpen(parse, context, options, withNetwork: true, stderr, out var client, out var exitCode))
            return exitCode;
        await using (client)
        {
            var json = parse.GetValue(options.Json);
            var pending = client.Outbox.List().Count(m => m.Delivery == DeliveryState.Sending);
            Write(json, stdout, new JsonObject
            {
                ["event"] = "online",
                ["account_id"] = client.AccountId.Hex,
                ["profile"] = client.Profile.Value,
                ["pending"] = pending,
            }, $"{client.Profile} ({client.AccountId.Hex}) is online; {pending} message{(pending == 1 ? "" : "s")} in the outbox. Ctrl-C stops.");
            // Push (issue 19): the UnifiedPush receiver, registered; null without --push. Stopped before the client closes.
            await direct.EnableAsync(parse, client, stderr, cancellationToken); // direct path (issue 20)
            await using var push = await Push.PushDaemon.StartAsync(parse, pushOptions, client, (value, text) => Write(json, stdout, value, text), cancellationToken);
            try
            {
                await foreach (var clientEvent in Subscribe(client, cancellationToken))
                {
                    if (json)
                        EventJson.WriteLine(EventJson.Of(clientEvent), stdout);
                    else if (Text(client, clientEvent) is { } line)
                        Print(stdout, line);
                    if (push is not null && clientEvent is ClientEvent.MessageAdded { Message: { Direction: MessageDirection.In } shown })
                        await push.ShowAsync(client.Contacts.NameOf(shown.Peer), shown.Body); // push: a desktop notification
                }
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: the client stops below; pending messages stay for the next run.
            }
            Write(json, stdout, new JsonObject { ["event"] = "offline" }, "stopped; what is still pending stays in the outbox.");
            return 0;
        }
    }

    /// <summary>Subscribes, then starts the client, so no event is missed.</summary>
    private static async IAsyncEnumerable<ClientEvent> Subscribe(
        WispClient client, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = client.Events.GetAsyncEnumerator(cancellationToken);
        await using (events)
        {
            client.Start();
            while (await events.MoveNextAsync())
                yield return events.Current;
        }
    }

    private static string? Text(WispClient client, ClientEvent clientEvent) => clientEvent switch
    {
        ClientEvent.MessageAdded { Message: var m } when m.Direction == MessageDirection.In =>
            $"message from {client.Contacts.NameOf(m.Peer)}{(((ClientEvent.MessageAdded)clientEvent).IsRequest ? " (a request)" : "")}: {m.Body}",
        ClientEvent.MessageAdded { Message: var m } => $"queued to {client.Contacts.NameOf(m.Peer)}: {m.Body}",
        ClientEvent.DeliveryChanged { Message: var m } when m.Delivery is DeliveryState.Sent or DeliveryState.Failed =>
            $"{MessagePrinting.Word(m.Delivery.Value)} to {client.Contacts.NameOf(m.Peer)}: {MessagePrinting.Excerpt(m.Body)}" +
            (m.Delivery == DeliveryState.Failed ? $" — {m.FailureReason}" : ""),
        ClientEvent.MessageChanged { Message: { DeletedAtMs: not null } m } => $"a message with {client.Contacts.NameOf(m.Peer)} was deleted for everyone",
        ClientEvent.MessageChanged { Message: var m } =>
            $"reactions on \"{MessagePrinting.Excerpt(m.Body)}\" with {client.Contacts.NameOf(m.Peer)}: " +
            (MessagePrinting.Reactions(m, client.Contacts.NameOf(m.Peer)) ?? "none"),
        ClientEvent.MessagesRead read => $"{client.Contacts.NameOf(read.Peer)} read {read.Count} of your messages",
        ClientEvent.MessagesDisappeared gone => $"{gone.MessageIds.Count} message(s) with {client.Contacts.NameOf(gone.Peer)} disappeared",
        ClientEvent.MessageDropped dropped => $"dropped a message from your swarm: {dropped.Reason}",
        ClientEvent.NetworkUnreachable down => $"cannot reach the network (is `wisp up` running?); retrying: {down.Reason}",
        ClientEvent.NetworkReconnected => "reconnected to the network",
        ClientEvent.DirectChanged changed => DirectCommand.Describe(client.Contacts.NameOf(changed.Peer), changed.State),
        _ => null,
    };

    private static void Write(bool json, TextWriter stdout, JsonObject value, string text)
    {
        if (json)
            EventJson.WriteLine(value, stdout);
        else
            Print(stdout, text);
    }

    private static void Print(TextWriter stdout, string line)
    {
        lock (stdout)
        {
            stdout.WriteLine($"[{MessagePrinting.Clock(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())}] {line}");
            stdout.Flush();
        }
    }
}
