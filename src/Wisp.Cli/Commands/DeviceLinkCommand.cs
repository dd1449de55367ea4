using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client.Devices;
using Wisp.Protocol.Devices;

namespace Wisp.Cli.Commands;

/// <summary>
/// <c>wisp device link</c> on a new device: asks the account's group to admit it, shows the emoji, waits until another
/// device accepts, and joins once the person confirms the emoji match (or at once with <c>--yes</c>).
/// </summary>
internal static class DeviceLinkCommand
{
    public static Command Create(ChatContext context)
    {
        var group = new Option<string?>("--group") { Description = "The group to ask (its id, hex), when the swarm holds more than one; default: the newest." };
        var yes = new Option<bool>("--yes") { Description = "Confirm the emoji without asking (scripts: compare them yourself first)." };
        var qr = new Option<bool>("--qr") { Description = "Also print the group id as a QR code." };
        var extended = new Option<bool>("--extended") { Description = "Show all 21 emoji, not just the first 7." };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for another device to accept (at most the request's 10 minutes).",
            DefaultValueFactory = _ => (int)DeviceGroupLimits.LinkRequestTtl.TotalSeconds,
        };
        return DeviceCommand.Run(context, "link",
            "On a new device of your account: ask the device group to let this device in. Shows emoji; open Wisp on one of your " +
            "existing devices, run `wisp device accept`, and check both show the same emoji. Waits until accepted.",
            [], [group, yes, qr, extended, timeout],
            async (parse, client, stdout, stderr, json, token) =>
            {
                var (request, error) = await client.Devices.RequestLinkAsync(parse.GetValue(group), token);
                if (request is null)
                    return CliOutput.Error(error!, stderr, CliOutput.Failure);
                if (!json)
                {
                    stdout.WriteLine("Asked to join your device group. Both devices should show these emoji:");
                    stdout.WriteLine();
                    stdout.WriteLine("  " + (parse.GetValue(extended) ? SasEmoji.FormatExtended(request.Sas).Replace("\n", "\n  ", StringComparison.Ordinal) : SasEmoji.Format(request.Sas, SasEmoji.LinkCount)));
                    stdout.WriteLine();
                    if (parse.GetValue(qr))
                        stdout.WriteLine(TerminalQrCode.Render(request.GroupId));
                    stdout.WriteLine("On one of your other devices run `wisp device requests`, then `wisp device accept ID`.");
                }
                var confirmed = parse.GetValue(yes);
                if (confirmed)
                    client.Devices.ConfirmLink();
                var deadline = DateTimeOffset.UtcNow.AddSeconds(Math.Clamp(parse.GetValue(timeout), 1, (int)DeviceGroupLimits.LinkRequestTtl.TotalSeconds));
                while (client.Devices.Membership != DeviceMembership.InGroup)
                {
                    if (client.Devices.OutgoingLink() is { Admitted: true } && !confirmed)
                    {
                        if (!DeviceCommand.Confirm(context, false, "Another device accepted. Do the emoji it showed match these? [y/N] ", stdout, stderr, out var exit))
                            return exit;
                        confirmed = true;
                        client.Devices.ConfirmLink();
                        continue;
                    }
                    if (DateTimeOffset.UtcNow > deadline)
                        return CliOutput.Error("no device accepted the request in time; run `wisp device link` again (new emoji).", stderr, CliOutput.Failure);
                    if (!json)
                        stderr.Write($"\rWaiting for another device to accept… {(int)(deadline - DateTimeOffset.UtcNow).TotalSeconds,4} s left ");
                    if (await client.Devices.SyncAsync(token, TimeSpan.FromSeconds(5)) is { } syncError)
                    {
                        stderr.WriteLine($"\n(could not fetch: {syncError}; trying again)");
                        await Task.Delay(TimeSpan.FromSeconds(2), token);
                    }
                }
                if (json)
                {
                    CliOutput.Json(new JsonObject
                    {
                        ["joined"] = true,
                        ["group_id"] = request.GroupId,
                        ["device_id"] = client.Devices.OwnDeviceId,
                        ["sas"] = new JsonArray([.. request.Sas.Take(SasEmoji.LinkCount).Select(e => (JsonNode)e)]),
                    }, stdout);
                }
                else
                {
                    stderr.WriteLine();
                    stdout.WriteLine("This device is now in your device group: it reads what is sent to the account.");
                }
                return 0;
            });
    }
}
