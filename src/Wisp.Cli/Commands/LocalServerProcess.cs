using System.Diagnostics;
using System.Runtime.InteropServices;
using Wisp.Cli.Commands.Net;

namespace Wisp.Cli.Commands;

/// <summary>
/// A server of a local network that <c>wisp up</c> runs as its own <c>wisp</c> process on 127.0.0.1: its output is
/// appended to a log in its data directory, it is ready once its run file names its process, and SIGTERM stops it.
/// </summary>
internal sealed class LocalServerProcess : IAsyncDisposable
{
    /// <summary>How long a server may take to start (it compiles and opens its database).</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StreamWriter _log;

    private LocalServerProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    /// <summary>
    /// Starts <c>wisp <paramref name="arguments"/></c> and waits until <paramref name="readRun"/> finds a run file written
    /// by that process; null and why (naming the <paramref name="name"/>, e.g. "file server") when it cannot.
    /// </summary>
    public static async Task<(LocalServerProcess? Server, TRun? Run, string? Problem)> StartAsync<TRun>(
        string name, string directory, string logFileName, IEnumerable<string> arguments, Func<TRun?> readRun, Func<TRun, int> processId,
        CancellationToken cancellationToken)
        where TRun : class
    {
        var (fileName, leading) = NodeRunSettings.WispExecutable();
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in leading.Concat(arguments))
            start.ArgumentList.Add(argument);
        foreach (var (variable, value) in NodeRunSettings.RuntimeSettingsFor(Environment.GetEnvironmentVariable))
            start.Environment[variable] = value;
        var logPath = Path.Combine(directory, logFileName);
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
        log.WriteLine($"--- wisp up starts the {name} at {DateTimeOffset.UtcNow:O}: {fileName} {string.Join(' ', start.ArgumentList)}");
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
                    return (null, null, $"the {name} stopped at start (see {logPath}).");
                }
                if (readRun() is { } run && processId(run) == process.Id)
                    return (new LocalServerProcess(process, log), run, null);
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process);
            log.Dispose();
            process.Dispose();
            if (cancellationToken.IsCancellationRequested) throw;
            return (null, null, $"the {name} did not start within {StartTimeout.TotalSeconds:N0} s (see {logPath}).");
        }
    }

    /// <summary>The run file at <paramref name="path"/>; null when it is missing, unreadable or does not parse.</summary>
    public static TRun? ReadRunFile<TRun>(string path, Func<byte[], TRun?> parse)
        where TRun : class
    {
        try
        {
            return File.Exists(path) ? parse(File.ReadAllBytes(path)) : null;
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
