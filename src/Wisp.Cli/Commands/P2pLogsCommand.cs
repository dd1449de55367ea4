using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp p2p logs</c>: every signed history log this device holds, with its length, what is verified and gaps.</summary>
internal static class P2pLogsCommand
{
    public static Command Create(ChatContext context)
    {
        var options = new ChatOptions();
        var command = new Command(
            "logs",
            "List the signed history logs this device holds: its own (one per conversation, the messages it sent) and copies " +
            "of its other devices' and its contacts' logs. For each: owner, conversation, blocks held, the signed length " +
            "verified, a gap when a signed head promises blocks not held yet, and why a log was refused (a fork). Then the " +
            "latest refusals (tampered blocks, bad proofs). Reads the local database only.");
        options.AddTo(command, withNetwork: false);
        command.SetAction(parse =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            if (!ClientSession.TryOpen(parse, context, options, withNetwork: false, stderr, out var session, out var exitCode))
                return exitCode;
            using var _ = new ClosesClient(session);
            var logs = session.History.Logs();
            var refusals = session.History.Refusals();
            if (parse.GetValue(options.Json))
            {
                CliOutput.Json(new JsonObject
                {
                    ["logs"] = new JsonArray([.. logs.Select(l => (JsonNode)new JsonObject
                    {
                        ["log_id"] = l.LogId,
                        ["owner"] = l.Owner.Hex,
                        ["conversation"] = l.Conversation.Hex,
                        ["own"] = l.Own,
                        ["length"] = l.Length,
                        ["verified_length"] = l.VerifiedLength,
                        ["signed_length"] = l.SignedLength,
                        ["gap"] = l.Gap,
                        ["imported"] = l.Imported,
                        ["refused"] = l.Refused,
                    })]),
                    ["refusals"] = new JsonArray([.. refusals.Select(r => (JsonNode)new JsonObject { ["peer"] = r.Peer, ["reason"] = r.Reason, ["at"] = r.AtMs })]),
                }, stdout);
                return 0;
            }
            if (logs.Count == 0)
                stdout.WriteLine("No history logs yet: each message you send starts or extends this device's log of that conversation.");
            foreach (var log in logs)
            {
                var owner = log.Own ? "this device" : session.Contacts.NameOf(log.Owner) + (log.Owner == session.AccountId ? " (another device)" : "");
                var state = log.Refused is { } why ? $"REFUSED: {why}"
                    : log.Gap > 0 ? $"gap: {log.Gap} blocks signed but not held"
                    : "complete";
                stdout.WriteLine(
                    $"{log.LogId[..12]}  {owner} → {session.Contacts.NameOf(log.Conversation)}: {log.Length} blocks, verified to {log.VerifiedLength}, signed {log.SignedLength}; {state}");
            }
            foreach (var (peer, reason, _) in refusals.Take(10))
                stdout.WriteLine($"refused from {peer[..12]}…: {reason}");
            return 0;
        });
        return command;
    }
}
