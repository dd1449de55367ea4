using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Wisp.Cli.Commands.Net;
using Wisp.Community.Admin;
using Wisp.Protocol.Community;

namespace Wisp.Cli.Commands.Community;

/// <summary>
/// The community server of a local network, run by <c>wisp up</c> as its own <c>wisp community run</c> process on
/// 127.0.0.1 with its data in <c>&lt;network folder&gt;/community</c> and a room <c>lobby</c> made on first use. Once
/// it answers, <c>community/local-community.json</c> tells clients its URL, key and the lobby's join URL. It keeps the
/// port of its last run when that port is free; its output goes to <c>community/community.log</c>; SIGTERM stops it.
/// </summary>
internal sealed class CommunityLocalServer : IAsyncDisposable
{
    /// <summary>How long the server may take to start (it compiles and opens its database).</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StreamWriter _log;

    private CommunityLocalServer(Process process, StreamWriter log, LocalCommunityFile file, int port)
    {
        _process = process;
        _log = log;
        File = file;
        Port = port;
    }

    /// <summary>What the run file says: URL, key, the lobby's join URL.</summary>
    public LocalCommunityFile File { get; }

    /// <summary>The port it listens on (the nodes' relays must allow it).</summary>
    public int Port { get; }

    /// <summary>Makes the lobby when missing, starts the server and waits until it has written its run file; null and why when it cannot.</summary>
    public static async Task<(CommunityLocalServer? Server, string? Problem)> StartAsync(string networkFolder, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(networkFolder, LocalCommunityFile.LocalNetworkFolder);
        Directory.CreateDirectory(directory);
        var previous = ReadRunFile(directory);
        try
        {
            using var admin = CommunityAdmin.Open(directory);
            if (!(await admin.RoomInfoAsync(LocalCommunityFile.LobbyToken, cancellationToken)).Ok)
                await admin.AddRoomAsync(LocalCommunityFile.LobbyToken, "Lobby", "The local network's community room.", cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Wisp.Community.Auth.CommunityServerStartException)
        {
            return (null, $"the community server's data in {directory} cannot be used: {exception.Message}");
        }
        var (server, problem) = await TryStartAsync(directory, previous?.Port ?? 0, cancellationToken);
        if (server is null && previous is not null)
            (server, problem) = await TryStartAsync(directory, 0, cancellationToken);
        return (server, problem);
    }

    private static async Task<(CommunityLocalServer?, string?)> TryStartAsync(string directory, int port, CancellationToken cancellationToken)
    {
        var (fileName, leading) = NodeRunSettings.WispExecutable();
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in leading.Concat(["community", "run", "--data", directory, "--listen", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"]))
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in NodeRunSettings.RuntimeSettingsFor(Environment.GetEnvironmentVariable))
            start.Environment[name] = value;
        var logPath = Path.Combine(directory, "community.log");
        var log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var logLock = new Lock();
        void Append(string? line)
        {
            if (line is null) return;
            lock (logLock)
            {
                try
                {
                    log.WriteLine(line);
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException)
                {
                    // A full disk must not take wisp up down.
                }
            }
        }
        log.WriteLine($"--- wisp up starts the community server at {DateTimeOffset.UtcNow:O}: {fileName} {string.Join(' ', start.ArgumentList)}");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    log.Dispose();
                    process.Dispose();
                    return (null, $"the community server stopped at start (see {logPath}).");
                }
                if (ReadRunFile(directory) is { } run && run.ProcessId == process.Id)
                {
                    string joinUrl;
                    using (var admin = CommunityAdmin.Open(directory))
                        joinUrl = admin.JoinUrl(LocalCommunityFile.LobbyToken, run.Url);
                    var file = new LocalCommunityFile(run.Url, run.PublicKey, run.ProcessId, directory, joinUrl);
                    var path = Path.Combine(directory, LocalCommunityFile.FileName);
                    await System.IO.File.WriteAllBytesAsync(path + ".tmp", file.ToBytes(), cancellationToken);
                    System.IO.File.Move(path + ".tmp", path, overwrite: true);
                    return (new CommunityLocalServer(process, log, file, run.Port), null);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process);
            log.Dispose();
            process.Dispose();
            if (cancellationToken.IsCancellationRequested) throw;
            return (null, $"the community server did not start within {StartTimeout.TotalSeconds:N0} s (see {logPath}).");
        }
    }

    private static CommunityRunFile? ReadRunFile(string directory)
    {
        try
        {
            var path = Path.Combine(directory, CommunityRunFile.FileName);
            return System.IO.File.Exists(path) ? CommunityRunFile.TryParse(System.IO.File.ReadAllBytes(path)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task StopAsync(Process process)
    {
        if (process.HasExited) return;
        if (OperatingSystem.IsWindows() || SendSignal(process.Id, SigTerm) != 0)
            process.Kill();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>Stops the server (SIGTERM, then kill after 15 s).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(_process);
        await _process.WaitForExitAsync(CancellationToken.None);
        await _log.DisposeAsync();
        _process.Dispose();
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
