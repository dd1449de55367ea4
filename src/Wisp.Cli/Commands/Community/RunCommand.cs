using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Logging;
using Wisp.Cli.Output;
using Wisp.Community;
using Wisp.Community.Auth;
using Wisp.Community.Hosting;

namespace Wisp.Cli.Commands.Community;

/// <summary>
/// <c>wisp community run --data DIR [--listen HOST:PORT]</c>: a community server speaking Session's community API
/// over plain HTTP, until SIGTERM or Ctrl-C. Prints its URL and public key (clients need both, as the join URL's
/// <c>public_key</c>) and writes them to <c>community.json</c>.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data")
        {
            Description = "The community server's data directory: its key, database and uploads (created on first run).",
            Required = true,
        };
        var listen = new Option<string>("--listen")
        {
            Description = $"HOST:PORT to listen on (default 127.0.0.1:{Limits.DefaultPort}; [::]:PORT for IPv6; port 0 picks a free one).",
            DefaultValueFactory = _ => $"127.0.0.1:{Limits.DefaultPort}",
        };
        var allowUnblinded = new Option<bool>("--allow-unblinded")
        {
            Description = "Also accept requests signed with unblinded (00…) keys, which reveal the member's Account ID to the server (pysogs's require_blind_keys = false).",
        };
        var logLevel = new Option<LogLevel>("--log-level")
        {
            Description = "Lowest level logged: Trace, Debug, Information (default), Warning, Error, Critical.",
            DefaultValueFactory = _ => LogLevel.Information,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON line (url, public_key, data directory) instead of text." };

        var command = new Command("run", "Run a community server over HTTP until SIGTERM or Ctrl-C.") { data, listen, allowUnblinded, logLevel, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (!IPEndPoint.TryParse(parse.GetValue(listen)!, out var endpoint) || !parse.GetValue(listen)!.Contains(':', StringComparison.Ordinal))
            {
                await error.WriteLineAsync($"--listen: '{parse.GetValue(listen)}' is not HOST:PORT (for example 127.0.0.1:{Limits.DefaultPort} or [::]:{Limits.DefaultPort}).");
                return CliOutput.UsageError;
            }
            var options = new CommunityServerOptions
            {
                DataDirectory = parse.GetValue(data)!,
                Host = endpoint.Address.ToString(),
                Port = endpoint.Port,
                RequireBlindKeys = !parse.GetValue(allowUnblinded),
                LogLevel = parse.GetValue(logLevel),
            };
            WispCommunityServer server;
            try
            {
                server = await WispCommunityServer.StartAsync(options, cancellationToken);
            }
            catch (CommunityServerStartException exception)
            {
                foreach (var problem in exception.Problems) await error.WriteLineAsync(problem);
                return CliOutput.UsageError;
            }
            await using (server)
            {
                var stdout = parse.InvocationConfiguration.Output;
                var directory = Path.GetFullPath(options.DataDirectory);
                if (parse.GetValue(json))
                {
                    stdout.WriteLine(CliJson.Line(new CommunityServerView(server.Url, server.PublicKey.ToHex(), directory)));
                }
                else
                {
                    stdout.WriteLine("Wisp community server running (SIGTERM or Ctrl-C stops it)");
                    stdout.WriteLine($"  url         {server.Url}");
                    stdout.WriteLine($"  public key  {server.PublicKey.ToHex()}");
                    stdout.WriteLine($"  data        {directory}");
                }
                await server.WaitForShutdownAsync(cancellationToken);
                await server.StopAsync();
            }
            return 0;
        });
        return command;
    }

    private sealed record CommunityServerView(string Url, string PublicKey, string DataDirectory);
}
