using System.Globalization;
using Wisp.Network.Local;
using Wisp.Protocol.Push;
using Wisp.Protocol.Servers;

namespace Wisp.Cli.Commands.Push;

/// <summary>
/// The push server of a local network, run by <c>wisp up</c> as its own <c>wisp push run</c> process on 127.0.0.1
/// with its data in <c>&lt;network folder&gt;/pushserver</c>, where its <c>pushserver.json</c> tells clients its URL
/// and X25519 key. It watches the network's registry, delivers to endpoints on this machine, and keeps the port of its
/// last run when that port is free. Its output goes to <c>pushserver/pushserver.log</c>; it is stopped with SIGTERM.
/// </summary>
internal sealed class RunLocalServer : IAsyncDisposable
{
    private readonly LocalServerProcess _process;

    private RunLocalServer(LocalServerProcess process, ServerRunFile run)
    {
        _process = process;
        Run = run;
    }

    /// <summary>Where it listens and its key, as its run file says.</summary>
    public ServerRunFile Run { get; }

    /// <summary>
    /// Starts the network's push server (watching <paramref name="network"/>'s registry file unless
    /// <paramref name="watchRegistry"/> is false) and waits for its run file; null and why when it cannot.
    /// </summary>
    public static async Task<(RunLocalServer? Server, string? Problem)> StartAsync(LocalNetwork network, bool watchRegistry, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(network.Folder, PushServerRunFile.LocalNetworkFolder);
        Directory.CreateDirectory(directory);
        var previous = ReadRunFile(directory);
        if (previous is not null && await AnswersAsync(previous.Url, cancellationToken))
            return (null, $"a push server already answers at {previous.Url} (pid {previous.ProcessId}): left by a wisp up that did not stop. "
                + $"Stop it with `kill {previous.ProcessId}`, then run wisp up again.");
        var (server, problem) = await TryStartAsync(network, directory, watchRegistry, previous?.Port ?? 0, cancellationToken);
        if (server is null && previous is not null)
            (server, problem) = await TryStartAsync(network, directory, watchRegistry, 0, cancellationToken);
        return (server, problem);
    }

    private static async Task<(RunLocalServer?, string?)> TryStartAsync(
        LocalNetwork network, string directory, bool watchRegistry, int port, CancellationToken cancellationToken)
    {
        List<string> arguments =
        [
            "push", "run", "--data", directory, "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--allow-private-endpoints",
        ];
        if (watchRegistry)
            arguments.AddRange(["--registry", network.RegistryPath, "--registry-key", network.RegistryKey.ToHex()]);
        var (process, run, problem) = await LocalServerProcess.StartAsync(
            "push server", directory, "pushserver.log", arguments, () => ReadRunFile(directory), run => run.ProcessId, cancellationToken);
        return process is null ? (null, problem) : (new RunLocalServer(process, run!), null);
    }

    /// <summary>True when something answers HTTP at <paramref name="url"/> (within 2 s).</summary>
    private static async Task<bool> AnswersAsync(string url, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await http.GetAsync(url + PushRoutes.Subscribe, cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static ServerRunFile? ReadRunFile(string directory) =>
        LocalServerProcess.ReadRunFile(Path.Combine(directory, PushServerRunFile.FileName), bytes => ServerRunFile.TryParse(bytes));

    /// <summary>Stops the push server (SIGTERM, then kill after 15 s).</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
