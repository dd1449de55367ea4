using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;

namespace Wisp.Cli.Commands.Push;

/// <summary><c>wisp push unregister [ENDPOINT]</c>: stop notifications to an endpoint (or to all).</summary>
internal static class PushUnregisterCommand
{
    public static Command Create(ChatContext context)
    {
        var options = new ChatOptions();
        var endpoint = new Argument<string?>("ENDPOINT") { Description = "The endpoint to stop (default: every registered one).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command(
            "unregister",
            "Unsubscribe ENDPOINT (or every registration of this account) at the push server it was registered with " +
            "(signed, through an onion path) and forget it here. A registration the server cannot be reached about is kept, " +
            "so it can be tried again.")
        {
            endpoint,
        };
        options.AddTo(command, withNetwork: true);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            if (!ClientSession.TryOpen(parse, context, options, withNetwork: true, stderr, out var client, out var exitCode))
                return exitCode;
            await using (client)
            {
                var given = parse.GetValue(endpoint);
                var targets = client.Push.Registrations.Where(r => given is null || r.Endpoint == given).ToList();
                if (targets.Count == 0)
                    return CliOutput.Error(given is null ? "there is nothing to unregister (`wisp push status` lists registrations)." : $"{given} is not registered (`wisp push status` lists registrations).", stderr, CliOutput.Failure);
                var results = new JsonArray();
                var failed = 0;
                foreach (var registration in targets)
                {
                    var outcome = await client.Push.UnregisterAsync(registration.Endpoint, cancellationToken, registration.Service);
                    failed += outcome.Ok ? 0 : 1;
                    results.Add(new JsonObject
                    {
                        ["endpoint"] = registration.Endpoint,
                        ["service"] = registration.Service,
                        ["ok"] = outcome.Ok,
                        ["removed"] = outcome.Changed,
                        ["error"] = outcome.Error,
                    });
                    if (parse.GetValue(options.Json))
                        continue;
                    if (outcome.Ok)
                        stdout.WriteLine($"Unregistered {registration.Endpoint}{(outcome.Changed ? "" : " (the server no longer had it)")}.");
                    else
                        stderr.WriteLine($"error: {registration.Endpoint} is still registered: {outcome.Error}");
                }
                if (parse.GetValue(options.Json))
                    CliOutput.Json(new JsonObject { ["unregistered"] = results }, stdout);
                return failed == 0 ? 0 : CliOutput.Failure;
            }
        });
        return command;
    }
}
