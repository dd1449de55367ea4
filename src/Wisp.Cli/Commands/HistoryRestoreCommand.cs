using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;

namespace Wisp.Cli.Commands;

/// <summary>
/// <c>wisp history restore</c>: fetches the signed history logs that this account's other devices and its contacts in
/// direct mode hold, verifies them, and imports the messages older than the swarm keeps into the conversations.
/// </summary>
internal static class HistoryRestoreCommand
{
    public static Command Create(ChatContext context)
    {
        var options = new ChatOptions();
        var wait = new Option<int>("--wait")
        {
            Description = "Seconds to wait for each peer's logs (default 60).",
            DefaultValueFactory = _ => 60,
        };
        var command = new Command(
            "restore",
            "Restore history older than the swarm keeps (14 days) from signed logs: every device writes a signed, hash-chained " +
            "log of the messages it sends, and contacts in direct mode and your own devices keep copies. This fetches new " +
            "messages from the swarm first, then asks your own other devices (linked in the device group, which publish their " +
            "direct keys there) and then each contact in direct mode, over a direct session, for the logs it holds of your " +
            "conversations, checks every block against its owner's signature (a tampered copy or a fork is refused and listed " +
            "in `wisp p2p logs`), and imports what is not already here. This command starts the direct path itself for the " +
            "time it runs (from --dht-bootstrap, else the network's service nodes) and stops it at the end; the peers must " +
            "be online with direct mode on (`wisp daemon` or `wisp chat`). Prints progress, the peers asked, and what was imported.")
        {
            wait,
        };
        options.AddTo(command, withNetwork: true);
        var direct = new DirectStart(); // the direct path, in this process while it restores: --dht-bootstrap
        direct.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, context, options, direct, parse.GetValue(wait), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, ChatContext context, ChatOptions options, DirectStart direct, int wait, CancellationToken cancellationToken)
    {
        var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        if (wait is < 1 or > 3600)
            return CliOutput.Error($"--wait must be between 1 and 3600 seconds (it was {wait}).", stderr);
        if (!ClientSession.TryOpen(parse, context, options, withNetwork: true, stderr, out var session, out var exitCode))
            return exitCode;
        await using (session)
        {
            var json = parse.GetValue(options.Json);
            // What the swarm still holds comes first, so the import recognises it instead of doubling it.
            if (await session.FetchAsync(cancellationToken) is { } error)
                stderr.WriteLine($"wisp: could not fetch new messages from the swarm first: {error}");
            var progress = new Progress<string>(line =>
            {
                if (!json)
                    stderr.WriteLine(line);
            });
            await StartDirectAsync(parse, session, direct, json ? TextWriter.Null : stderr, stderr, TimeSpan.FromSeconds(wait), cancellationToken);
            var result = await session.History.RestoreAsync(progress, TimeSpan.FromSeconds(wait), cancellationToken);
            if (json)
            {
                CliOutput.Json(new JsonObject
                {
                    ["devices_reached"] = new JsonArray([.. result.DevicesReached.Select(d => (JsonNode)d)]),
                    ["devices_missed"] = new JsonArray([.. result.DevicesMissed.Select(m => (JsonNode)new JsonObject { ["device"] = m.DeviceId, ["why"] = m.Why })]),
                    ["reached"] = new JsonArray([.. result.Reached.Select(p => (JsonNode)p.Hex)]),
                    ["missed"] = new JsonArray([.. result.Missed.Select(m => (JsonNode)new JsonObject { ["peer"] = m.Peer.Hex, ["why"] = m.Why })]),
                    ["refused"] = new JsonArray([.. result.Refused.Select(r => (JsonNode)new JsonObject { ["peer"] = r.Peer, ["reason"] = r.Reason })]),
                    ["imported"] = result.Imported.Imported,
                    ["already_held"] = result.Imported.Known,
                    ["not_shown"] = result.Imported.Skipped,
                }, stdout);
                return 0;
            }
            foreach (var device in result.DevicesReached)
                stdout.WriteLine($"asked your device {device[..12]}: logs fetched");
            foreach (var (device, why) in result.DevicesMissed)
                stdout.WriteLine($"could not ask your device {device[..12]}: {why}");
            foreach (var peer in result.Reached)
                stdout.WriteLine($"asked {session.Contacts.NameOf(peer)}: logs fetched");
            foreach (var (peer, why) in result.Missed)
                stdout.WriteLine($"could not ask {session.Contacts.NameOf(peer)}: {why}");
            foreach (var (peer, reason) in result.Refused)
                stdout.WriteLine($"refused from {peer}: {reason} (nothing of it was kept)");
            if (result.Reached.Count + result.Missed.Count + result.DevicesReached.Count + result.DevicesMissed.Count == 0)
                stdout.WriteLine("No contact is in direct mode with you, and no own device is reachable: nothing to restore from.");
            var sources = new List<string>();
            if (result.DevicesReached.Count > 0)
                sources.Add("your own devices");
            if (result.Reached.Count > 0)
                sources.Add("contacts in direct mode");
            var from = sources.Count == 0 ? "" : " from " + string.Join(" and ", sources);
            stdout.WriteLine(
                $"Imported {result.Imported.Imported} messages{from} ({result.Imported.Known} already here, {result.Imported.Skipped} not shown).");
            return 0;
        }
    }

    /// <summary>
    /// Starts direct mode's endpoint in this process (a one-shot command has none otherwise) and waits, within
    /// <paramref name="limit"/>, until it has joined the DHT, so the restore can open sessions with on-contacts. It stops
    /// when the client is closed.
    /// </summary>
    private static async Task StartDirectAsync(
        ParseResult parse, Client.WispClient client, DirectStart direct, TextWriter progress, TextWriter errors, TimeSpan limit, CancellationToken cancellationToken)
    {
        if (client.Direct.List().All(c => c.State != Client.Direct.DirectState.On) && !client.Direct.HasOwnDevicesToAsk)
            return; // nobody to ask: the restore says so
        await progress.WriteLineAsync("starting the direct path…");
        await direct.EnableAsync(parse, client, errors, cancellationToken, forOwnDevices: true); // why not, even with --json
        var deadline = DateTime.UtcNow + limit;
        while (client.Direct.Status() is { Transport.DhtNodes: 0 } && DateTime.UtcNow < deadline)
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        if (client.Direct.Status() is { } status)
            await progress.WriteLineAsync($"direct path up: {status.Transport.DhtNodes} DHT nodes, NAT {status.Transport.NatClass}");
    }
}
