using System.Globalization;
using Wisp.Protocol.Files;
using Wisp.Protocol.Servers;

namespace Wisp.Cli.Commands;

/// <summary>
/// The file server of a local network, run by <c>wisp up</c> as its own <c>wisp files run</c> process on 127.0.0.1
/// with its data in <c>&lt;network folder&gt;/fileserver</c>, where its <c>fileserver.json</c> tells clients its URL
/// and X25519 key. It keeps the port of its last run when that port is free. Its output goes to
/// <c>fileserver/fileserver.log</c>; it is stopped with SIGTERM.
/// </summary>
internal sealed class FilesLocalServer : IAsyncDisposable
{
    private readonly LocalServerProcess _process;

    private FilesLocalServer(LocalServerProcess process, ServerRunFile run)
    {
        _process = process;
        Run = run;
    }

    /// <summary>Where it listens and its key, as its run file says.</summary>
    public ServerRunFile Run { get; }

    /// <summary>Starts the network's file server and waits until it has written its run file; null and why when it cannot.</summary>
    public static async Task<(FilesLocalServer? Server, string? Problem)> StartAsync(string networkFolder, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(networkFolder, FileServerRunFile.LocalNetworkFolder);
        Directory.CreateDirectory(directory);
        var previous = ReadRunFile(directory);
        if (previous is not null && await AnswersAsync(previous.Url, cancellationToken))
            return (null, $"a file server already answers at {previous.Url} (pid {previous.ProcessId}): left by a wisp up that did not stop. "
                + $"Stop it with `kill {previous.ProcessId}`, then run wisp up again.");
        var (server, problem) = await TryStartAsync(directory, previous?.Port ?? 0, cancellationToken);
        if (server is null && previous is not null)
            (server, problem) = await TryStartAsync(directory, 0, cancellationToken);
        return (server, problem);
    }

    private static async Task<(FilesLocalServer?, string?)> TryStartAsync(string directory, int port, CancellationToken cancellationToken)
    {
        var (process, run, problem) = await LocalServerProcess.StartAsync(
            "file server", directory, "fileserver.log",
            ["files", "run", "--data", directory, "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture)],
            () => ReadRunFile(directory), run => run.ProcessId, cancellationToken);
        return process is null ? (null, problem) : (new FilesLocalServer(process, run!), null);
    }

    /// <summary>True when a file server answers <c>/limits</c> at <paramref name="url"/> (within 2 s).</summary>
    private static async Task<bool> AnswersAsync(string url, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await http.GetAsync(url + FileRoutes.Limits, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static ServerRunFile? ReadRunFile(string directory) =>
        LocalServerProcess.ReadRunFile(Path.Combine(directory, FileServerRunFile.FileName), bytes => ServerRunFile.TryParse(bytes));

    /// <summary>Stops the file server (SIGTERM, then kill after 15 s).</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
