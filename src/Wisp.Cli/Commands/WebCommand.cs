using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Net;
using Wisp.Cli.Output;
using Wisp.Client.Account;
using Wisp.Web;

namespace Wisp.Cli.Commands;

/// <summary>
/// <c>wisp web</c>: the local web app. Serves it on 127.0.0.1 (a free port unless <c>--port</c>), prints the address
/// to open, with this launch's token in its fragment, and runs until Ctrl-C or SIGTERM.
/// </summary>
internal static class WebCommand
{
    public static Command Create(NetworkContext context)
    {
        var profile = new Option<string?>("--profile")
        {
            Description = $"The account the app opens on (default: the only profile there is, else {ProfileName.Default}). The app can create, restore and unlock others.",
        };
        var port = new Option<int>("--port")
        {
            Description = "The port on 127.0.0.1 (default 0: a free one, printed). The app is never reachable from another machine.",
            DefaultValueFactory = _ => 0,
        };
        var open = new Option<bool>("--open") { Description = "Open the address in the browser (with xdg-open, when it is installed)." };
        var network = NetworkContext.NetworkOption();
        var json = NetworkContext.JsonOption();
        var direct = new DirectStart(); // direct path (issue 20): --dht-bootstrap
        var command = new Command(
            "web",
            "Run Wisp as a web app in your browser, on this machine only: prints an address holding a secret token for this launch " +
            "(anyone with it can use your account while this runs, so do not share it). Ctrl-C or SIGTERM stops.")
        {
            profile, port, open, network, json,
        };
        direct.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse, context, parse.GetValue(profile), parse.GetValue(port), parse.GetValue(open), context.ResolveFolder(parse, network),
            parse.GetValue(json), parse.GetValue(direct.Bootstrap) ?? [], parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, NetworkContext context, string? profileText, int port, bool open, string networkFolder, bool json,
        string[] dhtBootstrap, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ProfileName? profile = null;
        if (profileText is not null && !ProfileName.TryParse(profileText, out profile, out var nameError))
            return CliOutput.Error(nameError, stderr);
        var options = new WebOptions
        {
            Home = WispHome.Resolve(parse.GetValue(context.Home), context.Environment.GetVariable),
            Profile = profile,
            Port = port,
            NetworkFolder = networkFolder,
            DhtBootstrap = dhtBootstrap,
        };
        if (options.Validate() is { Count: > 0 } problems)
            return CliOutput.Error(string.Join(" ", problems), stderr);
        WispWebHost host;
        try
        {
            host = await WispWebHost.StartAsync(options, cancellationToken);
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
            if (!host.HasFrontEnd)
                stderr.WriteLine($"wisp: warning: {WispWebHost.FrontEndNotBuilt.TrimEnd()}");
            if (json)
            {
                stdout.WriteLine(CliJson.Line(new JsonObject { ["url"] = host.Url, ["port"] = host.Port, ["front_end"] = host.HasFrontEnd }));
            }
            else
            {
                stdout.WriteLine("Wisp is running as a web app on this machine. Open this address in your browser:");
                stdout.WriteLine();
                stdout.WriteLine($"  {host.Url}");
                stdout.WriteLine();
                stdout.WriteLine("It holds a secret for this launch: anyone with it can use your account while this runs. Ctrl-C stops.");
            }
            stdout.Flush();
            if (open)
                OpenBrowser(host.Url, stderr);
            await host.WaitForShutdownAsync(cancellationToken);
            if (!json)
                stdout.WriteLine("Stopping; messages still sending stay in the outbox for next time.");
        }
        return 0;
    }

    private static void OpenBrowser(string url, TextWriter stderr)
    {
        var opener = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "xdg-open")).FirstOrDefault(File.Exists);
        if (opener is null)
        {
            stderr.WriteLine("wisp: --open: xdg-open is not installed; open the address above yourself.");
            return;
        }
        try
        {
            var start = new ProcessStartInfo(opener) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(url);
            using var process = Process.Start(start);
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or IOException)
        {
            stderr.WriteLine($"wisp: --open: could not start xdg-open ({exception.Message}); open the address above yourself.");
        }
    }
}
