using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client.Conversations;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp send &lt;AccountID|nickname&gt; &lt;text&gt;</c>: one message, waited for until the swarm confirms it or the outbox gives up.</summary>
internal static class SendCommand
{
    /// <summary>Exit code when the message is still pending when the command stops waiting (it stays in the outbox).</summary>
    public const int StillPending = 3;

    /// <summary>How long the command waits for a confirmation (2 min): room for every retry of the outbox.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static Command Create(ChatContext context)
    {
        var to = new Argument<string>("to") { Description = "The recipient: an Account ID (05…) or a contact's nickname." };
        var text = new Argument<string>("text") { Description = "The message." };
        var options = new ChatOptions();
        var command = new Command(
            "send",
            "Send one message and wait until a node of the recipient's swarm confirms it with a signed receipt. Prints the " +
            "message's status: sent, or pending/failed with the reason. Exit code 0 when sent, 1 when it failed, 3 when it " +
            "is still pending (the outbox keeps it and retries whenever wisp runs again).")
        {
            to,
            text,
        };
        options.AddTo(command, withNetwork: true);
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse, context, options, parse.GetValue(to)!, parse.GetValue(text)!, parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, ChatContext context, ChatOptions options, string to, string text, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
            return CliOutput.Error("the message is empty.", stderr);
        if (!ChatSession.TryOpen(parse, context, options, withNetwork: true, stderr, out var session, out var exitCode))
            return exitCode;
        await using (session)
        {
            if (!session.TryResolvePeer(to, out var peer, out var peerError))
                return CliOutput.Error(peerError, stderr);
            var messaging = session.Messaging!;
            var queued = messaging.Sender.Queue(peer, text, session.Account.Profile.Value, out var queueError);
            if (queued is null)
                return CliOutput.Error(queueError!, stderr);

            var message = queued;
            var deadline = DateTimeOffset.UtcNow + Patience;
            StartupTrace.NetworkWork(context.Environment, stderr);
            while (message.Status == MessageStatus.Pending && DateTimeOffset.UtcNow < deadline)
            {
                await messaging.Sender.SendDueAsync(cancellationToken);
                message = session.Conversations.FindMessage(queued.Id)!;
                if (message.Status == MessageStatus.Pending && session.Conversations.NextOutboxAttempt() is { } next)
                {
                    var wait = TimeSpan.FromMilliseconds(Math.Clamp(next - messaging.Sender.NowMs(), 0, 30_000));
                    await Task.Delay(wait, cancellationToken);
                }
            }

            if (parse.GetValue(options.Json))
            {
                var json = MessagePrinting.Json(message);
                json["to"] = peer.Hex;
                CliOutput.Json(json, stdout);
            }
            else
            {
                stdout.WriteLine(message.Status switch
                {
                    MessageStatus.Sent => $"sent to {session.NameOf(peer)}",
                    MessageStatus.Failed => $"FAILED to send to {session.NameOf(peer)}: {message.FailureReason}",
                    _ => $"still pending after {Patience.TotalMinutes:0} min ({message.FailureReason ?? "no answer yet"}); it stays in the outbox and is retried whenever wisp runs",
                });
            }
            return message.Status switch
            {
                MessageStatus.Sent => 0,
                MessageStatus.Failed => CliOutput.Failure,
                _ => StillPending,
            };
        }
    }
}
