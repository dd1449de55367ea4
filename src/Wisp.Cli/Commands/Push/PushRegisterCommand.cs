using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client.Push;

namespace Wisp.Cli.Commands.Push;

/// <summary><c>wisp push register ENDPOINT</c>: ask the push server to send this account's notifications to an endpoint.</summary>
internal static class PushRegisterCommand
{
    public static Command Create(ChatContext context)
    {
        var options = new ChatOptions();
        var server = new PushServerChoice();
        var endpoint = new Argument<string>("ENDPOINT") { Description = "Where notifications go: the URL a UnifiedPush distributor gave (or a local receiver's)." };
        var namespaces = new Option<int[]>("--namespace")
        {
            Description = "A swarm namespace to be notified of (repeatable; default: 0, one-to-one messages).",
            AllowMultipleArgumentsPerToken = true,
        };
        var noData = new Option<bool>("--no-data") { Description = "Leave the message itself out of notifications (they then carry only its hash)." };
        var command = new Command(
            "register",
            "Subscribe ENDPOINT at the push server (Session's SPNS API, signed with your account's key, sent through an " +
            "onion path): from now on every message stored for your account makes the server POST an encrypted " +
            "notification there (UnifiedPush). The subscription lives 14 days; `wisp daemon` renews it daily. " +
            "Registering the same endpoint again renews it.")
        {
            endpoint,
        };
        options.AddTo(command, withNetwork: true);
        server.AddTo(command);
        command.Options.Add(namespaces);
        command.Options.Add(noData);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            if (!ClientSession.TryOpen(parse, context, options, withNetwork: true, stderr, out var client, out var exitCode))
                return exitCode;
            await using (client)
            {
                var target = server.Resolve(parse, client, out var error);
                if (target is null)
                    return CliOutput.Error(error!, stderr, CliOutput.Failure);
                var chosen = parse.GetValue(namespaces) is { Length: > 0 } list ? list : null;
                var outcome = await client.Push.RegisterAsync(parse.GetValue(endpoint)!, target, cancellationToken, namespaces: chosen, wantData: !parse.GetValue(noData));
                if (!outcome.Ok)
                    return CliOutput.Error(outcome.Error!, stderr, CliOutput.Failure);
                var registration = outcome.Registration!;
                if (parse.GetValue(options.Json))
                    CliOutput.Json(PushPrinting.Json(registration, outcome.Changed ? "added" : "renewed"), stdout);
                else
                    stdout.WriteLine($"{(outcome.Changed ? "Registered" : "Renewed")} {registration.Endpoint} at {registration.ServerUrl} " +
                        $"(namespaces {string.Join(',', registration.Namespaces.Select(n => n.ToString(CultureInfo.InvariantCulture)))}); " +
                        $"it lasts until {PushPrinting.When(registration.ExpiresAtMs)} and `wisp daemon` renews it.");
                return 0;
            }
        });
        return command;
    }
}
