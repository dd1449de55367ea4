using System.CommandLine;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client.Account;
using Wisp.Web;
using Wisp.Web.Bots;

namespace Wisp.Cli.Commands.Community;

/// <summary>
/// <c>wisp community bot serve</c>: holds a bot's account (its keys, blinding, signing and onion paths) and serves the
/// bot API on 127.0.0.1 behind a bearer token, so a bot in any language needs only HTTP and a WebSocket (docs/BOTS.md).
/// </summary>
internal static class BotCommand
{
    public static Command Create(ChatContext context)
    {
        var options = new ChatOptions();
        var port = new Option<int>("--port")
        {
            Description = "The port on 127.0.0.1 (default 0: a free one, printed). The API is never reachable from another machine.",
            DefaultValueFactory = _ => 0,
        };
        var tokenFile = new Option<string?>("--token-file")
        {
            Description = "The file holding the API's bearer token: read when it exists, else a fresh token is written there (mode 0600). Default: bot-token in the profile's folder.",
        };
        var serve = new Command(
            "serve",
            "Serve the bot API for this profile's joined rooms (join them first with `wisp community join URL --profile NAME`): a WebSocket " +
            "of each room's posts and HTTP calls to post, react, delete and ban. Runs until Ctrl-C or SIGTERM.")
        {
            port, tokenFile,
        };
        options.AddTo(serve, withNetwork: true);
        serve.SetAction((parse, cancellationToken) => ServeAsync(
            parse, context, options, parse.GetValue(port), parse.GetValue(tokenFile),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return new Command("bot", "Run a community bot's account behind a local HTTP + WebSocket API (docs/BOTS.md).") { serve };
    }

    private static async Task<int> ServeAsync(
        ParseResult parse, ChatContext context, ChatOptions options, int port, string? tokenFile, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        if (port is < 0 or > 65535)
            return CliOutput.Error($"--port: {port} is not a port (0 picks a free one, else 1–65535).", stderr);
        if (!ProfileName.TryParse(parse.GetValue(options.Profile)!, out var profile, out var nameError))
            return CliOutput.Error(nameError, stderr);
        var home = context.ResolveHome(parse);
        var file = Path.GetFullPath(tokenFile ?? Path.Combine(home.ProfileDirectory(profile), "bot-token"));
        // The client is opened without the network: the host connects it, trying again while `wisp up` is not there.
        if (!ClientSession.TryOpen(parse, context, options, withNetwork: false, stderr, out var client, out var exitCode))
            return exitCode;
        await using (client)
        {
            if (!BotToken.TryLoadOrCreate(file, out var token, out var tokenError))
                return CliOutput.Error(tokenError, stderr);
            BotHost host;
            try
            {
                host = await BotHost.StartAsync(
                    client, ClientSession.NetworkFolder(parse, context, options), token, port, LogLevel.Warning, cancellationToken);
            }
            catch (WebStartException exception)
            {
                return CliOutput.Error(exception.Message, stderr, CliOutput.Failure);
            }
            catch (OperationCanceledException)
            {
                return 0;
            }
            await using (host)
            {
                if (parse.GetValue(options.Json))
                    stdout.WriteLine(CliJson.Line(new JsonObject { ["url"] = host.Url, ["port"] = host.Port, ["token_file"] = file, ["account_id"] = client.AccountId.Hex }));
                else
                    stdout.WriteLine($"bot API on {host.Url} (token in {file}); Ctrl-C stops.");
                await host.WaitForShutdownAsync(cancellationToken);
            }
            return 0;
        }
    }
}
