using System.CommandLine;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client;
using Wisp.Client.Devices;

namespace Wisp.Cli.Commands;

/// <summary>
/// <c>wisp device link|requests|accept|deny|list|remove|start|renew</c>: the account's device group (Session's device
/// groups). Each subcommand syncs namespace 21 first, then makes one <see cref="ClientDevices"/> call; printing is in
/// <see cref="DevicePrinting"/>, the waiting link in <see cref="DeviceLinkCommand"/>.
/// </summary>
internal static class DeviceCommand
{
    public static Command Create(ChatContext context)
    {
        var command = new Command(
            "device",
            "Your devices: every device of an account shares its messages once it is in the account's device group. On a " +
            "new device (a profile restored from the recovery phrase) run `wisp device link`; on a device already in the " +
            "group, `wisp device requests` shows the request and `wisp device accept ID` admits it after you compare the " +
            "emoji. `wisp device remove ID` shuts a device out of everything sent after.");
        command.Subcommands.Add(DeviceLinkCommand.Create(context));
        command.Subcommands.Add(Run(context, "list", "List the group's devices: this one marked, type, description, version, last key rotation.", [], [],
            (_, client, stdout, _, json, _) =>
            {
                DevicePrinting.List(client.Devices, json, stdout);
                return Task.FromResult(0);
            }));
        command.Subcommands.Add(Run(context, "requests", "List link requests from new devices, with the emoji each should show.", [], [],
            (_, client, stdout, _, json, _) =>
            {
                DevicePrinting.Requests(client.Devices, json, stdout);
                return Task.FromResult(0);
            }));
        var id = new Argument<long>("id") { Description = "The request's number, from `wisp device requests`." };
        var yes = new Option<bool>("--yes") { Description = "Do not ask: the emoji were compared (scripts)." };
        command.Subcommands.Add(Run(context, "accept", "Admit a new device: shows its emoji and asks you to confirm they match the new device's.", [id], [yes],
            async (parse, client, stdout, stderr, json, token) =>
            {
                var request = client.Devices.Requests().FirstOrDefault(r => r.Id == parse.GetValue(id));
                if (request is null)
                    return CliOutput.Error($"there is no pending link request {parse.GetValue(id)}: see `wisp device requests`.", stderr);
                if (!json)
                    DevicePrinting.Request(request, stdout);
                if (!Confirm(context, parse.GetValue(yes), "Does the new device show these same emoji? [y/N] ", stdout, stderr, out var exit))
                    return exit;
                return Finish(await client.Devices.AcceptAsync(request.Id, token), "accepted", json, stdout, stderr);
            }));
        var denyId = new Argument<long>("id") { Description = "The request's number, from `wisp device requests`." };
        command.Subcommands.Add(Run(context, "deny", "Ignore a link request on this device (another of your devices could still accept it until it expires).", [denyId], [],
            (parse, client, stdout, stderr, json, _) => Task.FromResult(Finish(client.Devices.Deny(parse.GetValue(denyId)), "denied", json, stdout, stderr))));
        var device = new Argument<string>("device") { Description = "The device's id (or a unique start of it), from `wisp device list`." };
        var removeYes = new Option<bool>("--yes") { Description = "Do not ask for confirmation (scripts)." };
        command.Subcommands.Add(Run(context, "remove",
            "Remove a device: it is given no key to anything sent from now on, and the account moves to a new key. Permanent: " +
            "the device can only come back under a new identity (`wisp device renew` there), approved like a new device.", [device], [removeYes],
            async (parse, client, stdout, stderr, json, token) =>
            {
                if (!Confirm(context, parse.GetValue(removeYes), $"Remove device {parse.GetValue(device)} for good? [y/N] ", stdout, stderr, out var exit))
                    return exit;
                return Finish(await client.Devices.RemoveAsync(parse.GetValue(device)!, token), "removed", json, stdout, stderr);
            }));
        command.Subcommands.Add(Run(context, "start",
            "Start a new device group with this device alone (when no group exists, or deliberately alongside one: your other devices will see two groups).", [], [],
            async (_, client, stdout, stderr, json, token) => Finish(await client.Devices.StartGroupAsync(token), "started", json, stdout, stderr)));
        command.Subcommands.Add(Run(context, "renew",
            "Give this device a new identity after it was removed (messages and contacts are kept); then `wisp device link` again.", [], [],
            (_, client, stdout, stderr, json, _) => Task.FromResult(Finish(client.Devices.RenewIdentity(), "renewed", json, stdout, stderr))));
        return command;
    }

    internal delegate Task<int> DeviceAction(ParseResult parse, WispClient client, TextWriter stdout, TextWriter stderr, bool json, CancellationToken token);

    /// <summary>A subcommand that opens the profile, connects, syncs namespace 21 and runs <paramref name="action"/>.</summary>
    internal static Command Run(ChatContext context, string verb, string description, Argument[] arguments, Option[] extra, DeviceAction action)
    {
        var options = new ChatOptions();
        var command = new Command(verb, description);
        foreach (var argument in arguments)
            command.Arguments.Add(argument);
        foreach (var option in extra)
            command.Options.Add(option);
        options.AddTo(command, withNetwork: true);
        command.SetAction(async (parse, token) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            if (!ClientSession.TryOpen(parse, context, options, withNetwork: true, stderr, out var client, out var exitCode))
                return exitCode;
            await using (client)
            {
                if (await client.Devices.SyncAsync(token) is { } syncError)
                    stderr.WriteLine($"(could not fetch the device group: {syncError})");
                return await action(parse, client, stdout, stderr, parse.GetValue(options.Json), token);
            }
        });
        return command;
    }

    /// <summary>True when the person confirmed (or <paramref name="yes"/>); otherwise why not, as an exit code.</summary>
    internal static bool Confirm(ChatContext context, bool yes, string question, TextWriter stdout, TextWriter stderr, out int exitCode)
    {
        exitCode = 0;
        if (yes)
            return true;
        if (!context.Environment.IsInteractive)
        {
            exitCode = CliOutput.Error("there is no terminal to confirm on: compare the emoji yourself, then pass --yes.", stderr);
            return false;
        }
        stdout.Write(question);
        if (context.Environment.ReadLine()?.Trim().ToLowerInvariant() is "y" or "yes")
            return true;
        exitCode = CliOutput.Error("not confirmed; nothing was changed.", stderr);
        return false;
    }

    private static int Finish(DeviceResult result, string what, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (!result.Ok)
            return CliOutput.Error(result.Error!, stderr, CliOutput.Failure);
        if (json)
            CliOutput.Json(new System.Text.Json.Nodes.JsonObject { ["ok"] = true, ["done"] = what }, stdout);
        else
            stdout.WriteLine($"Device {what}.");
        return 0;
    }
}
