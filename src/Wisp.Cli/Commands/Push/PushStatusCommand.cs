using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;

namespace Wisp.Cli.Commands.Push;

/// <summary><c>wisp push status</c>: this account's push registrations, offline.</summary>
internal static class PushStatusCommand
{
    public static Command Create(ChatContext context)
    {
        var options = new ChatOptions();
        var command = new Command(
            "status",
            "List this account's push registrations: endpoint, push server, namespaces, when the server last accepted " +
            "each, when it runs out (14 days after; `wisp daemon` renews daily) and why the last renewal failed, if it did. " +
            "Reads only the profile: the network is not asked.");
        options.AddTo(command, withNetwork: false);
        command.SetAction(parse =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            if (!ClientSession.TryOpen(parse, context, options, withNetwork: false, stderr, out var client, out var exitCode))
                return exitCode;
            using var _ = new ClosesClient(client);
            var registrations = client.Push.Registrations;
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            if (parse.GetValue(options.Json))
            {
                CliOutput.Json(new JsonObject
                {
                    ["registrations"] = new JsonArray([.. registrations.Select(r => (JsonNode)PushPrinting.Json(r, r.ExpiredAt(now) ? "expired" : "active"))]),
                }, stdout);
                return 0;
            }
            if (registrations.Count == 0)
            {
                stdout.WriteLine("No push registrations. `wisp push register ENDPOINT` adds one; `wisp daemon --push` registers its own.");
                return 0;
            }
            foreach (var r in registrations)
            {
                stdout.WriteLine($"{r.Endpoint}  ({r.Service} at {r.ServerUrl}; namespaces {string.Join(',', r.Namespaces)})");
                stdout.WriteLine($"    {(r.ExpiredAt(now) ? "EXPIRED" : "active")}: accepted {PushPrinting.When(r.SubscribedAtMs)}, lasts until {PushPrinting.When(r.ExpiresAtMs)}" +
                    (r.LastError is { } error ? $"; last renewal failed: {error}" : ""));
            }
            return 0;
        });
        return command;
    }
}
