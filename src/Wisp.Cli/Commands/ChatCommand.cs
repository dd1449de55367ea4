using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client;
using Wisp.Client.Conversations;
using Wisp.Client.Messaging;
using Wisp.Crypto.Keys;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp chat &lt;AccountID|nickname&gt;</c>: an interactive conversation — history, live messages, type to send.</summary>
internal static class ChatCommand
{
    public static Command Create(ChatContext context)
    {
        var with = new Argument<string>("with") { Description = "Whom to talk to: an Account ID (05…), a contact's nickname, or a group (its ID, 03…, or its name)." };
        var disappear = new Option<string?>("--disappear")
        {
            Description = "Set the conversation's disappearing timer (30s, 5m, 1h, 7d, or off): messages sent from now on are " +
                          "deleted that long after sending, on both sides and from the swarm. The peer is told.",
        };
        var receipts = new Option<string?>("--read-receipts") { Description = "on or off: whether to tell the peer when you have read their messages." };
        var typing = new Option<string?>("--typing") { Description = "on or off: whether to tell the peer when you are typing." };
        var options = new ChatOptions();
        var command = new Command(
            "chat",
            "Talk to someone: shows the conversation's history, prints their messages as they arrive (and what other wisp " +
            "processes of this profile send), and sends each line you type (Enter). Lines starting with / are commands: " +
            "/help, /quit (or Ctrl-D), /disappear <30s|5m|1h|7d|off>, /list, /reply N text, /react N 👍, /unreact N 👍, " +
            "/delete N [--everyone]. What you type while the network is unreachable waits " +
            "in the outbox and goes out when it is back. --json prints one JSON object per line per event.")
        {
            with,
            disappear,
            receipts,
            typing,
        };
        options.AddTo(command, withNetwork: true);
        var direct = new DirectStart(); // direct path (issue 20): --dht-bootstrap
        direct.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse, context, options, direct, parse.GetValue(with)!, parse.GetValue(disappear), parse.GetValue(receipts), parse.GetValue(typing),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, ChatContext context, ChatOptions options, DirectStart direct, string with, string? disappear, string? receipts, string? typing,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        TimeSpan? timer = null;
        if (disappear is not null && !DurationText.TryParse(disappear, out timer, out var durationError))
            return CliOutput.Error(durationError, stderr);
        if (!TryOnOff(receipts, "--read-receipts", out var receiptsOn, out var switchError) || !TryOnOff(typing, "--typing", out var typingOn, out switchError))
            return CliOutput.Error(switchError!, stderr);
        if (!ClientSession.TryOpen(parse, context, options, withNetwork: true, stderr, out var client, out var exitCode))
            return exitCode;
        await using (client)
        {
            if (GroupSend.Names(client, with) is { } group)
                return await GroupChat.RunAsync(client, group, parse.GetValue(options.Json), context.Environment.IsInteractive && !Console.IsOutputRedirected, stdout, cancellationToken);
            if (!AccountIdInput.TryResolvePeer(client.Contacts, with, out var peer, out var peerError))
                return CliOutput.Error(peerError, stderr);
            if (peer == client.AccountId)
                return CliOutput.Error("that is your own Account ID; chat with someone else (`wisp contacts` lists yours).", stderr);
            client.Conversations.Configure(peer, receiptsOn, typingOn);
            if (disappear is not null && client.Conversations.SetDisappearing(peer, timer, out var timerError) is null)
                return CliOutput.Error(timerError!, stderr);

            var json = parse.GetValue(options.Json);
            var name = client.Contacts.NameOf(peer);
            var input = new LineInput(stdout, terminal: !json && context.Environment.IsInteractive && !Console.IsOutputRedirected);
            var screen = new ChatScreen(peer, name, client.Contacts.NameOf);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var events = client.Events; // subscribed before the client starts: nothing is missed
            var printing = PrintEventsAsync(client, events.GetAsyncEnumerator(stop.Token), json ? null : screen, input, stdout, peer, stop.Token);
            Greet(client, peer, name, json, input, stdout);
            client.Start();
            await direct.EnableAsync(parse, client, stderr, cancellationToken); // direct path (issue 20)
            await client.Conversations.MarkReadAsync(peer, cancellationToken);
            input.TypingChanged += started => _ = client.Conversations.SendTypingAsync(peer, started, cancellationToken);
            await ReadLinesAsync(client, input, peer, json, stdout, cancellationToken);
            await LeaveAsync(client, input, json, stdout, cancellationToken);
            await stop.CancelAsync();
            await printing;
            return 0;
        }
    }

    private static void Greet(WispClient client, AccountId peer, string name, bool json, LineInput input, TextWriter stdout)
    {
        var conversation = client.Conversations.Find(peer) ?? new Conversation(0, peer, ConversationState.Accepted, ConversationSettings.Default);
        var history = client.Conversations.History(peer, 50);
        if (json)
        {
            EventJson.WriteLine(new JsonObject
            {
                ["event"] = "chat",
                ["peer"] = peer.Hex,
                ["name"] = name,
                ["state"] = MessagePrinting.Word(conversation.State),
                ["disappear_after_seconds"] = (long?)conversation.Settings.DisappearAfter?.TotalSeconds,
            }, stdout);
            foreach (var message in history)
                EventJson.WriteLine(new JsonObject { ["event"] = "history", ["message"] = MessagePrinting.Json(message) }, stdout);
            return;
        }
        input.Print($"Chat with {name} ({peer.Hex}). Disappearing messages: {MessagePrinting.Timer(conversation.Settings)}. " +
                    "Type and press Enter to send; /help lists commands; /quit or Ctrl-D leaves.");
        if (conversation.State == ConversationState.Request)
            input.Print("This is a message request: replying accepts it (or use `wisp requests decline|block`).");
        foreach (var message in history)
            input.Print(MessagePrinting.Line(message, name));
    }

    private static async Task PrintEventsAsync(
        WispClient client, IAsyncEnumerator<ClientEvent> events, ChatScreen? screen, LineInput input, TextWriter stdout, AccountId peer,
        CancellationToken cancellationToken)
    {
        try
        {
            while (await events.MoveNextAsync())
            {
                var clientEvent = events.Current;
                if (screen is null)
                    EventJson.WriteLine(EventJson.Of(clientEvent), stdout);
                else if (screen.Describe(clientEvent) is { } line)
                    input.Print(line);
                if (clientEvent is ClientEvent.MessageAdded { Message: { Direction: MessageDirection.In } message } && message.Peer == peer)
                    _ = client.Conversations.MarkReadAsync(peer, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The chat ended.
        }
        finally
        {
            await events.DisposeAsync();
        }
    }

    private static async Task ReadLinesAsync(WispClient client, LineInput input, AccountId peer, bool json, TextWriter stdout, CancellationToken cancellationToken)
    {
        while (await input.ReadLineAsync(cancellationToken) is { } typed)
        {
            var line = typed.Trim();
            if (line.Length == 0)
                continue;
            var command = SlashCommand.Parse(line);
            switch (command)
            {
                case SlashCommand.Quit:
                    return;
                case SlashCommand.ShowHelp:
                    Notice(SlashCommand.Help, json, input, stdout);
                    break;
                case SlashCommand.Unknown unknown:
                    Notice($"{unknown.Name} is not a command; nothing was sent. {SlashCommand.Help}", json, input, stdout);
                    break;
                case SlashCommand.Disappear disappear:
                    if (!DurationText.TryParse(disappear.Argument, out var timer, out var error))
                        Notice($"/disappear takes a duration (30s, 5m, 1h, 7d) or off: {error}", json, input, stdout);
                    else if (client.Conversations.SetDisappearing(peer, timer, out var timerError) is null)
                        Notice(timerError!, json, input, stdout);
                    break;
                case SlashCommand.Text text:
                    if (client.Conversations.Send(peer, text.Body, client.DisplayName, out var sendError) is null)
                        Notice($"not sent: {sendError}", json, input, stdout);
                    break;
                case SlashCommand.Misused misused:
                    Notice($"usage: {misused.Usage}; nothing was sent.", json, input, stdout);
                    break;
                default:
                    if (await ChatMessageCommands.RunAsync(client, peer, command, cancellationToken) is { } result)
                        Notice(result, json, input, stdout);
                    break;
            }
        }
    }

    /// <summary>
    /// Leaving right after typing must not strand the last lines until the next run: wait a bounded time for pending
    /// messages to go out, then say what is still pending and where it went.
    /// </summary>
    private static async Task LeaveAsync(WispClient client, LineInput input, bool json, TextWriter stdout, CancellationToken cancellationToken)
    {
        var pending = await client.Outbox.DeliverAsync(ChatLimits.FlushOnExit, TimeProvider.System, cancellationToken);
        var sending = pending.Count(m => m.Delivery == DeliveryState.Sending);
        if (sending > 0)
        {
            Notice($"{sending} message{(sending == 1 ? " is" : "s are")} still sending; they stay in the outbox and go out the next time wisp " +
                   "reaches the network (`wisp outbox` lists them; `wisp daemon` keeps trying).", json, input, stdout);
        }
    }

    private static void Notice(string text, bool json, LineInput input, TextWriter stdout)
    {
        if (json)
            EventJson.WriteLine(new JsonObject { ["event"] = "notice", ["text"] = text }, stdout);
        else
            input.Print($"({text})");
    }

    private static bool TryOnOff(string? text, string option, out bool? value, out string? error)
    {
        (value, error) = (null, null);
        switch (text?.Trim().ToLowerInvariant())
        {
            case null: return true;
            case "on": value = true; return true;
            case "off": value = false; return true;
            default: error = $"{option} takes on or off; got '{text}'."; return false;
        }
    }
}
