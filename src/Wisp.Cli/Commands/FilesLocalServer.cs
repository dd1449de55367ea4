using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Wisp.Cli.Commands.Net;
using Wisp.Protocol.Files;

namespace Wisp.Cli.Commands;

/// <summary>
/// The file server of a local network, run by <c>wisp up</c> as its own <c>wisp files run</c> process on 127.0.0.1
/// with its data in <c>&lt;network folder&gt;/fileserver</c>, where its <c>fileserver.json</c> tells clients its URL
/// and X25519 key. It keeps the port of its last run when that port is free. Its output goes to
/// <c>fileserver/fileserver.log</c>; it is stopped with SIGTERM.
/// </summary>
internal sealed class FilesLocalServer : IAsyncDisposable
{
    /// <summary>How long the file server may take to start (it compiles and opens its index).</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StreamWriter _log;

    private FilesLocalServer(Process process, StreamWriter log, FileServerRunFile run)
    {
        _process = process;
        _log = log;
        Run = run;
    }

    /// <summary>Where it listens and its key, as its run file says.</summary>
    public FileServerRunFile Run { get; }

    /// <summary>Starts the network's file server and waits until it has written its run file; null and why when it cannot.</summary>
    public static async Task<(FilesLocalServer? Server, string? Problem)> StartAsync(string networkFolder, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(networkFolder, FileServerRunFile.LocalNetworkFolder);
        Directory.CreateDirectory(directory);
        var previous = ReadRunFile(directory);
        var (server, problem) = await TryStartAsync(directory, previous?.Port ?? 0, cancellationToken);
        if (server is null && previous is not null)
            (server, problem) = await TryStartAsync(directory, 0, cancellationToken);
        return (server, problem);
    }

    private static async Task<(FilesLocalServer?, string?)> TryStartAsync(string directory, int port, CancellationToken cancellationToken)
    {
        var (fileName, leading) = NodeRunSettings.WispExecutable();
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in leading.Concat(["files", "run", "--data", directory, "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture)]))
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in NodeRunSettings.RuntimeSettingsFor(Environment.GetEnvironmentVariable))
            start.Environment[name] = value;
        var logPath = Path.Combine(directory, "fileserver.log");
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
        log.WriteLine($"--- wisp up starts the file server at {DateTimeOffset.UtcNow:O}: {fileName} {string.Join(' ', start.ArgumentList)}");
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
                    return (null, $"the file server stopped at start (see {logPath}).");
                }
                if (ReadRunFile(directory) is { } run && run.ProcessId == process.Id)
                    return (new FilesLocalServer(process, log, run), null);
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process);
            log.Dispose();
            process.Dispose();
            if (cancellationToken.IsCancellationRequested) throw;
            return (null, $"the file server did not start within {StartTimeout.TotalSeconds:N0} s (see {logPath}).");
        }
    }

    private static FileServerRunFile? ReadRunFile(string directory)
    {
        try
        {
            var path = Path.Combine(directory, FileServerRunFile.FileName);
            return File.Exists(path) ? FileServerRunFile.TryParse(File.ReadAllBytes(path)) : null;
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

    /// <summary>Stops the file server (SIGTERM, then kill after 15 s).</summary>
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
