using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client.Direct;

namespace Wisp.Cli.Commands;

/// <summary>
/// <c>wisp contacts direct [on|off &lt;contact&gt;]</c>: direct mode with a contact. Both sides must turn it on; only
/// then do messages and files go peer to peer (when both are online), and each side learns the other's IP address.
/// </summary>
internal static class DirectCommand
{
    /// <summary>What a person is told before turning direct mode on, word for word (<c>{0}</c>: the contact).</summary>
    internal const string Exposure = DirectStates.Exposure;

    public static Command Create(ChatContext context)
    {
        var options = new ChatOptions();
        var command = new Command(
            "direct",
            "List contacts in direct mode (offered, requested, on). Direct mode sends messages and files peer to peer when both " +
            "are online, and lets the contact learn this device's IP address; `on` and `off` change it for one contact.");
        options.AddTo(command, withNetwork: false);
        command.SetAction(parse => List(parse, context, options));
        command.Subcommands.Add(Set(context, on: true));
        command.Subcommands.Add(Set(context, on: false));
        return command;
    }

    /// <summary>The line a chat or the daemon shows when direct mode with a contact changed.</summary>
    internal static string Describe(string name, DirectState state) => state switch
    {
        DirectState.Requested => $"{name} asks to talk directly (you would learn each other's IP addresses): `wisp contacts direct on {name}` accepts",
        DirectState.On => $"direct mode with {name} is on: messages go direct while you are both online",
        DirectState.Offered => $"offered direct mode to {name}",
        _ => $"direct mode with {name} is off",
    };

    /// <summary>"  [direct]" or "  [relayed]" after a message that went or came on a direct session; nothing for the swarm's.</summary>
    internal static string PathMark(Wisp.Client.WispClient client, Wisp.Client.Conversations.MessageView message) =>
        client.Direct.PathOf(message.Id) is { } path && path != MessagePath.Swarm ? $"  [{DirectStates.Word(path)}]" : "";

    /// <summary>Adds <c>"path": "direct" | "relayed" | "swarm"</c> to a message's JSON.</summary>
    internal static JsonObject WithPath(JsonObject json, Wisp.Client.WispClient client, Wisp.Client.Conversations.MessageView message)
    {
        json["path"] = DirectStates.Word(client.Direct.PathOf(message.Id) ?? MessagePath.Swarm);
        return json;
    }

    /// <summary>
    /// <c>"  [files direct]"</c> (or relayed) after a message some of whose files went or came on a direct session, with
    /// every way its files took when they differ (<c>[files direct, file_server]</c>); empty otherwise.
    /// </summary>
    internal static string FilesMark(Wisp.Client.WispClient client, Wisp.Client.Conversations.MessageView message)
    {
        var ways = FileWays(client, message);
        return ways.Any(w => w != "file_server") ? $"  [files {string.Join(", ", ways.Distinct())}]" : "";
    }

    /// <summary>Adds <c>"file_paths": ["direct" | "relayed" | "file_server", …]</c> (one per file, in order) to the JSON of a message with files.</summary>
    internal static JsonObject WithFilePaths(JsonObject json, Wisp.Client.WispClient client, Wisp.Client.Conversations.MessageView message)
    {
        if (FileWays(client, message) is { Count: > 0 } ways)
            json["file_paths"] = new JsonArray([.. ways.Select(w => (JsonNode)w)]);
        return json;
    }

    private static List<string> FileWays(Wisp.Client.WispClient client, Wisp.Client.Conversations.MessageView message) =>
        [.. client.Attachments.ForMessage(message.Id).Select(a => DirectStates.FileWord(client.Attachments.ViaOf(a.Id)))];

    private static int List(ParseResult parse, ChatContext context, ChatOptions options)
    {
        var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        if (!ClientSession.TryOpen(parse, context, options, withNetwork: false, stderr, out var client, out var exitCode))
            return exitCode;
        using var _ = new ClosesClient(client);
        var contacts = client.Direct.List();
        if (parse.GetValue(options.Json))
        {
            CliOutput.Json(new JsonObject
            {
                ["device_key"] = client.Direct.DeviceKey.ToHex(),
                ["contacts"] = new JsonArray([.. contacts.Select(c => (JsonNode)new JsonObject
                {
                    ["account_id"] = c.Peer.Hex,
                    ["name"] = client.Contacts.NameOf(c.Peer),
                    ["state"] = DirectStates.Word(c.State),
                    ["devices"] = c.DeviceKeys.Count,
                    ["last_direct_ms"] = c.LastDirectAtMs,
                })]),
            }, stdout);
            return 0;
        }
        if (contacts.Count == 0)
            stdout.WriteLine("No contact is in direct mode. `wisp contacts direct on <contact>` offers it.");
        foreach (var c in contacts)
        {
            var what = c.State switch
            {
                DirectState.On => $"on ({c.DeviceKeys.Count} device{(c.DeviceKeys.Count == 1 ? "" : "s")})",
                DirectState.Offered => "offered (waiting for them to turn it on)",
                DirectState.Requested => $"requested: they asked to talk directly (`wisp contacts direct on {client.Contacts.NameOf(c.Peer)}` accepts)",
                _ => "off",
            };
            stdout.WriteLine($"{client.Contacts.NameOf(c.Peer),-32} {what}");
        }
        return 0;
    }

    private static Command Set(ChatContext context, bool on)
    {
        var options = new ChatOptions();
        var who = new Argument<string>("contact") { Description = "The contact's Account ID or nickname." };
        var yes = new Option<bool>("--yes") { Description = "Do not ask: you have read that the contact learns this device's IP address (scripts)." };
        var command = new Command(
            on ? "on" : "off",
            on
                ? "Turn direct mode with a contact on: says what it exposes (this device's IP address, to them) and asks to confirm, " +
                  "then sends them a signed offer through their swarm. Nothing goes direct until they turn it on too."
                : "Turn direct mode with a contact off, on both sides: tells them, and closes any direct session. Messages go through the swarm only.")
        {
            who,
        };
        if (on)
            command.Options.Add(yes);
        options.AddTo(command, withNetwork: true);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            if (!ClientSession.TryOpen(parse, context, options, withNetwork: true, stderr, out var client, out var exitCode))
                return exitCode;
            await using (client)
            {
                if (!AccountIdInput.TryResolvePeer(client.Contacts, parse.GetValue(who)!, out var peer, out var error))
                    return CliOutput.Error(error, stderr);
                var name = client.Contacts.NameOf(peer);
                if (on)
                {
                    if (!parse.GetValue(options.Json))
                        stdout.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, Exposure, name));
                    if (!Confirm(context, parse.GetValue(yes), $"Turn direct mode with {name} on? [y/N] ", stdout, stderr, out exitCode))
                        return exitCode;
                }
                if (await client.Direct.SetAsync(peer, on, cancellationToken) is { } failed)
                    return CliOutput.Error(failed, stderr, CliOutput.Failure);
                var state = client.Direct.Get(peer).State;
                if (parse.GetValue(options.Json))
                    CliOutput.Json(new JsonObject { ["account_id"] = peer.Hex, ["state"] = DirectStates.Word(state) }, stdout);
                else
                    stdout.WriteLine(state switch
                    {
                        DirectState.On => $"direct mode with {name} is on: messages and files go direct while you are both online.",
                        DirectState.Offered => $"offered direct mode to {name}; it starts once they turn it on too.",
                        _ => $"direct mode with {name} is off (they were told).",
                    });
                return 0;
            }
        });
        return command;
    }

    private static bool Confirm(ChatContext context, bool yes, string question, TextWriter stdout, TextWriter stderr, out int exitCode)
    {
        exitCode = 0;
        if (yes)
            return true;
        if (!context.Environment.IsInteractive)
        {
            exitCode = CliOutput.Error("there is no terminal to confirm on: read the above, then pass --yes.", stderr);
            return false;
        }
        stdout.Write(question);
        if (context.Environment.ReadLine()?.Trim().ToLowerInvariant() is "y" or "yes")
            return true;
        exitCode = CliOutput.Error("not confirmed; nothing was changed.", stderr);
        return false;
    }
}
