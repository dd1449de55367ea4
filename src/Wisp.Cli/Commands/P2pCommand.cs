using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client.Direct;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp p2p status</c>: the direct path as the profile's running client sees it.</summary>
internal static class P2pCommand
{
    public static Command Create(ChatContext context)
    {
        var command = new Command(
            "p2p",
            "The direct path (peer to peer, for contacts in direct mode): `status` shows the DHT, this device's public address " +
            "and NAT class, and the live direct sessions.");
        command.Subcommands.Add(Status(context));
        command.Subcommands.Add(P2pLogsCommand.Create(context)); // signed history logs
        return command;
    }

    private static Command Status(ChatContext context)
    {
        var options = new ChatOptions();
        var command = new Command(
            "status",
            "Show the DHT nodes known, this device's public address and NAT class (OPEN, CONSISTENT, RANDOM, UNKNOWN), and each " +
            "live direct session (contact, path direct or relayed, address, bytes), as the profile's running client (wisp daemon, " +
            "chat or web) last reported them; then every contact in direct mode.");
        options.AddTo(command, withNetwork: false);
        command.SetAction(parse =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            if (!ClientSession.TryOpen(parse, context, options, withNetwork: false, stderr, out var client, out var exitCode))
                return exitCode;
            using var _ = new ClosesClient(client);
            var status = client.Direct.LastStatus();
            var running = status is not null && status.Fresh(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            var contacts = client.Direct.List();
            if (parse.GetValue(options.Json))
            {
                CliOutput.Json(new JsonObject
                {
                    ["running"] = running,
                    ["device_key"] = client.Direct.DeviceKey.ToHex(),
                    ["listening"] = running && status!.Listening,
                    ["dht_nodes"] = running ? status!.DhtNodes : 0,
                    ["public_address"] = running ? status!.PublicAddress : null,
                    ["nat_class"] = running ? status!.NatClass : "UNKNOWN",
                    ["bootstrap"] = new JsonArray([.. (running ? status!.Bootstrap : []).Select(b => (JsonNode)b)]),
                    ["sessions"] = new JsonArray([.. (running ? status!.Sessions : []).Select(s => (JsonNode)new JsonObject
                    {
                        ["account_id"] = s.AccountId,
                        ["name"] = client.Contacts.NameOf(Wisp.Crypto.Keys.AccountId.Parse(s.AccountId)),
                        ["path"] = s.Path,
                        ["remote_address"] = s.RemoteAddress,
                        ["inbound"] = s.Inbound,
                        ["bytes_sent"] = s.BytesSent,
                        ["bytes_received"] = s.BytesReceived,
                        ["upgraded_from_relay"] = s.UpgradedFromRelay,
                    })]),
                    ["own_device_sessions"] = new JsonArray([.. (running ? status!.OwnDeviceSessions ?? [] : []).Select(s => (JsonNode)new JsonObject
                    {
                        ["direct_key"] = s.AccountId,
                        ["path"] = s.Path,
                        ["remote_address"] = s.RemoteAddress,
                        ["inbound"] = s.Inbound,
                        ["bytes_sent"] = s.BytesSent,
                        ["bytes_received"] = s.BytesReceived,
                    })]),
                    ["contacts"] = new JsonArray([.. contacts.Select(c => (JsonNode)new JsonObject
                    {
                        ["account_id"] = c.Peer.Hex,
                        ["state"] = DirectStates.Word(c.State),
                    })]),
                }, stdout);
                return 0;
            }
            stdout.WriteLine($"direct key: {client.Direct.DeviceKey.ToHex()}");
            if (!running)
            {
                stdout.WriteLine("no wisp client of this profile runs the direct path now (`wisp daemon`, `wisp chat` or `wisp web` do).");
            }
            else
            {
                stdout.WriteLine($"listening: {(status!.Listening ? "yes" : "no")}   DHT nodes known: {status.DhtNodes}   bootstrap: {string.Join(", ", status.Bootstrap)}");
                stdout.WriteLine($"public address: {status.PublicAddress ?? "(not known yet)"}   NAT: {status.NatClass}");
                if (status.Sessions.Count == 0 && (status.OwnDeviceSessions?.Count ?? 0) == 0)
                    stdout.WriteLine("no live direct sessions");
                foreach (var s in status.Sessions)
                {
                    stdout.WriteLine($"  {client.Contacts.NameOf(Wisp.Crypto.Keys.AccountId.Parse(s.AccountId)),-24} {s.Path,-8} {s.RemoteAddress,-22} " +
                                     $"{(s.Inbound ? "in " : "out")}  sent {s.BytesSent} B, received {s.BytesReceived} B" +
                                     (s.UpgradedFromRelay ? "  (moved off the relay)" : ""));
                }
                foreach (var s in status.OwnDeviceSessions ?? [])
                {
                    stdout.WriteLine($"  {"own device " + s.AccountId[..12],-24} {s.Path,-8} {s.RemoteAddress,-22} " +
                                     $"{(s.Inbound ? "in " : "out")}  sent {s.BytesSent} B, received {s.BytesReceived} B");
                }
            }
            foreach (var c in contacts)
                stdout.WriteLine($"contact {client.Contacts.NameOf(c.Peer)}: direct mode {DirectStates.Word(c.State)}");
            return 0;
        });
        return command;
    }
}
