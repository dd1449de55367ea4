using System.CommandLine;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client.Conversations;
using Wisp.Client.Messaging;
using Wisp.Client.Polling;
using Wisp.Crypto.Keys;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp chat &lt;AccountID|nickname&gt;</c>: an interactive conversation — history, live messages, type to send.</summary>
internal static class ChatCommand
{
    public static Command Create(ChatContext context)
    {
        var with = new Argument<string>("with") { Description = "Whom to talk to: an Account ID (05…) or a contact's nickname." };
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
            "Talk to someone: shows the conversation's history, prints their messages as they arrive, and sends each line you " +
            "type (Enter). /quit (or Ctrl-D) leaves; /disappear <30s|5m|1h|7d|off> sets the disappearing timer. Messages you " +
            "send while the network is unreachable stay pending and are retried, and say so.")
        {
            with,
            disappear,
            receipts,
            typing,
        };
        options.AddTo(command, withNetwork: true);
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse, context, options, parse.GetValue(with)!, parse.GetValue(disappear), parse.GetValue(receipts), parse.GetValue(typing),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, ChatContext context, ChatOptions options, string with, string? disappear, string? receipts, string? typing,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        TimeSpan? timer = null;
        if (disappear is not null && !DurationText.TryParse(disappear, out timer, out var durationError))
            return CliOutput.Error(durationError, stderr);
        if (!TryOnOff(receipts, "--read-receipts", out var receiptsOn, out var switchError) || !TryOnOff(typing, "--typing", out var typingOn, out switchError))
            return CliOutput.Error(switchError!, stderr);
        if (!ChatSession.TryOpen(parse, context, options, withNetwork: true, stderr, out var session, out var exitCode))
            return exitCode;
        await using (session)
        {
            if (!session.TryResolvePeer(with, out var peer, out var peerError))
                return CliOutput.Error(peerError, stderr);
            var messaging = session.Messaging!;
            var conversations = session.Conversations;
            var now = messaging.Sender.NowMs();
            var settings = conversations.Find(peer)?.Settings ?? ConversationSettings.Default;
            conversations.SetSettings(peer, settings with { ReadReceipts = receiptsOn ?? settings.ReadReceipts, TypingIndicators = typingOn ?? settings.TypingIndicators }, now);
            if (disappear is not null && messaging.Sender.SetDisappearing(peer, timer, out var timerError) is null)
                return CliOutput.Error(timerError!, stderr);

            var name = session.NameOf(peer);
            var conversation = conversations.Find(peer)!;
            var input = new LineInput(stdout, terminal: context.Environment.IsInteractive && !Console.IsOutputRedirected);
            input.Print($"Chat with {name} ({peer.Hex}). Disappearing messages: {MessagePrinting.Timer(conversation.Settings)}. " +
                        "Type and press Enter to send; /quit to leave.");
            if (conversation.State == ConversationState.Request)
                input.Print("This is a message request: replying accepts it (or use `wisp requests decline|block`).");
            foreach (var message in conversations.History(peer, 50))
                input.Print(MessagePrinting.Line(message, name));

            Wire(messaging, input, peer, name, cancellationToken);
            messaging.Start();
            await messaging.MarkReadAsync(peer, cancellationToken);
            await ReadLinesAsync(messaging, input, peer, cancellationToken);
            await FlushOutboxAsync(messaging, input, cancellationToken);
            return 0;
        }
    }

    private static void Wire(MessagingService messaging, LineInput input, AccountId peer, string name, CancellationToken cancellationToken)
    {
        messaging.Poller.Received += received =>
        {
            switch (received)
            {
                case PollEvent.MessageArrived arrived when arrived.Message.Peer == peer:
                    input.Print(MessagePrinting.Line(arrived.Message, name));
                    _ = messaging.MarkReadAsync(peer, cancellationToken);
                    break;
                case PollEvent.MessageArrived { IsRequest: true } request:
                    input.Print($"(new message request from {request.Message.Peer.Hex}: see `wisp requests`)");
                    break;
                case PollEvent.Typing typing when typing.Peer == peer:
                    input.Print(typing.Started ? $"({name} is typing…)" : $"({name} stopped typing)");
                    break;
                case PollEvent.ReadReceipt receipt when receipt.Peer == peer && receipt.Marked > 0:
                    input.Print($"({name} read your messages)");
                    break;
                case PollEvent.Dropped dropped:
                    input.Print($"(dropped a message from the swarm: {dropped.Failure}: {dropped.Reason})");
                    break;
            }
        };
        messaging.Sender.StatusChanged += message =>
        {
            if (message.Peer == peer && message.Status != MessageStatus.Sent)
                input.Print(MessagePrinting.Line(message, name));
        };
        messaging.PollFailed += error => input.Print($"(cannot reach your swarm; retrying: {error})");
        input.TypingChanged += started => _ = messaging.SendTypingAsync(peer, started, cancellationToken);
    }

    private static async Task ReadLinesAsync(MessagingService messaging, LineInput input, AccountId peer, CancellationToken cancellationToken)
    {
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            line = line.Trim();
            if (line.Length == 0)
                continue;
            if (line is "/quit" or "/exit")
                break;
            if (line.StartsWith("/disappear", StringComparison.Ordinal))
            {
                if (!DurationText.TryParse(line["/disappear".Length..], out var timer, out var error))
                    input.Print($"({error})");
                else if (messaging.Sender.SetDisappearing(peer, timer, out var timerError) is { } change)
                    input.Print(MessagePrinting.Line(change, ""));
                else
                    input.Print($"({timerError})");
                continue;
            }
            var queued = messaging.Sender.Queue(peer, line, messaging.Account.Profile.Value, out var queueError);
            input.Print(queued is null ? $"(not sent: {queueError})" : MessagePrinting.Line(queued, ""));
        }
    }

    /// <summary>
    /// Leaving right after typing must not strand the last lines in the outbox until the next run: nudge the sender
    /// and wait a bounded time for pending messages to go out, then say what is still pending.
    /// </summary>
    private static async Task FlushOutboxAsync(MessagingService messaging, LineInput input, CancellationToken cancellationToken)
    {
        var deadline = messaging.Sender.NowMs() + (long)ChatLimits.FlushOnExit.TotalMilliseconds;
        messaging.Sender.Nudge();
        while (messaging.Conversations.NextOutboxAttempt() is { } due && due <= deadline && messaging.Sender.NowMs() < deadline)
            await Task.Delay(ChatLimits.FlushPoll, cancellationToken);
        if (messaging.Conversations.NextOutboxAttempt() is not null)
            input.Print("(some messages are still pending; they go out the next time wisp runs — see `wisp inbox`)");
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
