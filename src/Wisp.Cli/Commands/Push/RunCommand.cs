using System.CommandLine;
using Microsoft.Extensions.Logging;
using Wisp.Cli.Output;
using Wisp.Push;
using Wisp.Push.Hosting;

namespace Wisp.Cli.Commands.Push;

/// <summary>
/// <c>wisp push run --data DIR</c>: a push server with Session's subscribe API over plain HTTP and onion requests,
/// watching the registry's nodes and delivering to UnifiedPush endpoints, until SIGTERM or Ctrl-C. Prints its URL and
/// X25519 key (clients need both) and writes them to <c>pushserver.json</c>.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "The push server's data directory: its X25519 key, database and run file (created on first run).", Required = true };
        var host = new Option<string>("--host")
        {
            Description = "IPv4 or IPv6 address to listen on: 127.0.0.1 (default), 0.0.0.0 or :: for every interface.",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var port = new Option<int>("--port")
        {
            Description = $"HTTP port ({Limits.DefaultPort} by default; 0 picks a free one). Relays call servers on 443 and 80 unless their operator allows more (--server-ports).",
            DefaultValueFactory = _ => Limits.DefaultPort,
        };
        var registry = new Option<string?>("--registry") { Description = "The network's signed registry file: the push server watches the swarms of subscribed accounts on its nodes." };
        var registryKey = new Option<string?>("--registry-key") { Description = "The registry's Ed25519 public key (64 hex characters), with --registry." };
        var allowPrivate = new Option<bool>("--allow-private-endpoints")
        {
            Description = "Deliver to UnifiedPush endpoints on loopback and private addresses (a network on one machine; off for a public server).",
        };
        var attempts = new Option<int>("--max-attempts")
        {
            Description = $"Delivery attempts before a notification becomes a dead letter (default {Limits.DefaultMaxAttempts}).",
            DefaultValueFactory = _ => Limits.DefaultMaxAttempts,
        };
        var retry = new Option<double>("--retry-seconds")
        {
            Description = $"Wait before the first retry, doubled for each further one up to {Limits.MaxRetryDelay.TotalMinutes:N0} minutes (default {Limits.DefaultRetryDelay.TotalSeconds:N0}).",
            DefaultValueFactory = _ => Limits.DefaultRetryDelay.TotalSeconds,
        };
        var logLevel = new Option<LogLevel>("--log-level")
        {
            Description = "Lowest level logged: Trace, Debug, Information (default), Warning, Error, Critical.",
            DefaultValueFactory = _ => LogLevel.Information,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON line (url, x25519, data directory) instead of text." };

        var command = new Command("run", "Run a push server over HTTP until SIGTERM or Ctrl-C.")
        {
            data, host, port, registry, registryKey, allowPrivate, attempts, retry, logLevel, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var seconds = parse.GetValue(retry);
            var options = new PushServerOptions
            {
                DataDirectory = parse.GetValue(data)!,
                Host = parse.GetValue(host)!,
                Port = parse.GetValue(port),
                RegistryPath = parse.GetValue(registry),
                RegistryKey = parse.GetValue(registryKey),
                AllowPrivateEndpoints = parse.GetValue(allowPrivate),
                MaxAttempts = parse.GetValue(attempts),
                RetryDelay = double.IsFinite(seconds) && seconds is > 0 and < 86_400 ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero,
                LogLevel = parse.GetValue(logLevel),
            };
            WispPushServer server;
            try
            {
                server = await WispPushServer.StartAsync(options, cancellationToken);
            }
            catch (PushServerStartException exception)
            {
                foreach (var problem in exception.Problems) await parse.InvocationConfiguration.Error.WriteLineAsync(problem);
                return CliOutput.UsageError;
            }
            await using (server)
            {
                var stdout = parse.InvocationConfiguration.Output;
                var directory = Path.GetFullPath(options.DataDirectory);
                if (parse.GetValue(json))
                {
                    stdout.WriteLine(CliJson.Line(new PushServerView(server.Url, server.PublicKey.ToHex(), directory)));
                }
                else
                {
                    stdout.WriteLine("Wisp push server running (SIGTERM or Ctrl-C stops it)");
                    stdout.WriteLine($"  url      {server.Url}");
                    stdout.WriteLine($"  x25519   {server.PublicKey.ToHex()}");
                    stdout.WriteLine($"  data     {directory}");
                    stdout.WriteLine($"  watching {options.RegistryPath ?? "nothing (no --registry)"}");
                }
                await server.WaitForShutdownAsync(cancellationToken);
                await server.StopAsync();
            }
            return 0;
        });
        return command;
    }

    private sealed record PushServerView(string Url, string X25519, string DataDirectory);
}
