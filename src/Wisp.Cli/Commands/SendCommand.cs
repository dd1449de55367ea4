using System.CommandLine;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client.Conversations;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp send &lt;AccountID|nickname&gt; &lt;text&gt;</c>: one message, waited for until the swarm confirms it or the command stops waiting.</summary>
internal static class SendCommand
{
    /// <summary>Exit code when the message is still pending when the command stops waiting (it stays in the outbox).</summary>
    public const int StillPending = 3;

    public static Command Create(ChatContext context)
    {
        var to = new Argument<string>("to") { Description = "The recipient: an Account ID (05…), a contact's nickname, or a group (its ID, 03…, or its name)." };
        var text = new Argument<string>("text") { Description = "The message (with --file: the caption, optional).", Arity = ArgumentArity.ZeroOrOne };
        var files = new Option<string[]>("--file")
        {
            Description = "Send this file (repeat for several, up to 32): encrypted, then sent on a direct session when direct mode " +
                          "with the recipient is on and they are online, else uploaded through onion paths with a progress bar on stderr " +
                          "(rerun to resume an interrupted upload). Prints which way each file went.",
        };
        var replyTo = new Option<string?>("--reply-to")
        {
            Description = "Reply to this message (its id, from `wisp chat` /list or --json output): the reply quotes it, as Session shows quotes.",
        };
        var options = new ChatOptions();
        var direct = new DirectStart(); // the direct path, in this process while it sends, when direct mode with the recipient is on
        var command = new Command(
            "send",
            "Send one message and wait until a node of the recipient's swarm confirms it with a signed receipt (messages " +
            "other runs left in the outbox go out too). Prints the message's state: sent, still sending, or failed with " +
            "the reason. Exit code 0 when sent, 1 when it failed, 3 when it is still sending after 2 minutes (it stays in " +
            "the outbox and is retried by every later wisp that reaches the network, until its 14 days are over). With a contact " +
            "in direct mode, it starts the direct path for the time it runs: the message goes direct when a session opens and " +
            "the contact's device acks it, else through the swarm (--json says which, as \"path\").")
        {
            to,
            text,
            replyTo,
            files,
        };
        options.AddTo(command, withNetwork: true);
        direct.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse, context, options, direct, parse.GetValue(to)!, parse.GetValue(text), parse.GetValue(replyTo), parse.GetValue(files) ?? [], parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, ChatContext context, ChatOptions options, DirectStart direct, string to, string? text, string? replyTo, string[] files, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        if (files.Length == 0 && string.IsNullOrWhiteSpace(text))
            return CliOutput.Error("the message is empty.", stderr);
        if (files.Length > 0 && replyTo is not null)
            return CliOutput.Error("--reply-to and --file cannot be combined yet.", stderr);
        if (files.FirstOrDefault(f => !File.Exists(f)) is { } missing)
            return CliOutput.Error($"{missing}: no such file.", stderr);
        if (direct.Check(parse) is { } badBootstrap)
            return CliOutput.Error(badBootstrap, stderr);
        if (!ClientSession.TryOpen(parse, context, options, withNetwork: true, stderr, out var client, out var exitCode))
            return exitCode;
        await using (client)
        {
            if (GroupSend.Names(client, to) is { } group)
                return await GroupSend.RunAsync(client, group, text, files, parse.GetValue(options.Json), stdout, stderr, cancellationToken);
            if (!AccountIdInput.TryResolvePeer(client.Contacts, to, out var peer, out var peerError))
                return CliOutput.Error(peerError, stderr);
            if (replyTo is not null && client.Messages.Find(replyTo) is { } quoted && quoted.Peer != peer)
                return CliOutput.Error($"message {replyTo} is in the conversation with {client.Contacts.NameOf(quoted.Peer)}, not {to}.", stderr);
            // In direct mode with them, this process runs the endpoint until it exits, so the message (and files) can go direct.
            await direct.EnableForAsync(parse, client, peer, stderr, cancellationToken);
            MessageView? queued;
            string? queueError;
            IReadOnlyList<Client.Attachments.UploadResult> uploads = [];
            if (files.Length > 0)
            {
                (queued, uploads, queueError) = await SendFiles.QueueAsync(client, peer, files, text, stderr, cancellationToken);
                if (queued is null)
                    return CliOutput.Error(queueError!, stderr, CliOutput.Failure);
                if (!parse.GetValue(options.Json))
                {
                    foreach (var upload in uploads)
                        stdout.WriteLine($"{upload.Attachment!.FileName}: {SendFiles.Way(upload)}");
                }
            }
            else
            {
                queued = replyTo is null
                    ? client.Conversations.Send(peer, text!, client.DisplayName, out queueError)
                    : client.Messages.Reply(replyTo, text!, out queueError);
            }
            if (queued is null)
                return CliOutput.Error(queueError!, stderr);

            StartupTrace.NetworkWork(context.Environment, stderr);
            await client.Outbox.DeliverAsync(ChatLimits.SendPatience, TimeProvider.System, cancellationToken, queued.Id);
            var message = client.Outbox.Find(queued.Id)!;
            var name = client.Contacts.NameOf(peer);
            if (parse.GetValue(options.Json))
            {
                var json = DirectCommand.WithPath(MessagePrinting.Json(message), client, message);
                json["to"] = peer.Hex;
                if (uploads.Count > 0)
                    json["file_paths"] = new System.Text.Json.Nodes.JsonArray([.. uploads.Select(u => (System.Text.Json.Nodes.JsonNode)Client.Direct.DirectStates.FileWord(u.Via))]);
                CliOutput.Json(json, stdout);
            }
            else
            {
                stdout.WriteLine(message.Delivery switch
                {
                    DeliveryState.Sent or DeliveryState.Read => $"sent to {name}{DirectCommand.PathMark(client, message)}",
                    DeliveryState.Failed => $"FAILED to send to {name}: {message.FailureReason} (`wisp retry {message.Id}` tries again)",
                    _ => $"still sending to {name} after {ChatLimits.SendPatience.TotalMinutes:0} min ({message.FailureReason ?? "no answer yet"}); " +
                         "it stays in the outbox and every later wisp that reaches the network retries it (`wisp outbox` lists it)",
                });
            }
            return message.Delivery switch
            {
                DeliveryState.Sent or DeliveryState.Read => 0,
                DeliveryState.Failed => CliOutput.Failure,
                _ => StillPending,
            };
        }
    }
}
