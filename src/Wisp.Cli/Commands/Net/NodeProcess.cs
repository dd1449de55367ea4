using System.Diagnostics;
using System.Runtime.InteropServices;
using Wisp.Network.Local;

namespace Wisp.Cli.Commands.Net;

/// <summary>
/// One node of a local network running as a child process of <c>wisp up</c>. Its standard output and error are
/// appended to <c>node.log</c> in its data directory. Stopped with SIGTERM (the node drains and commits), then
/// killed if it outlasts the grace period.
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();

    private NodeProcess(LocalNode node, Process process, StreamWriter log)
    {
        Node = node;
        _process = process;
        _log = log;
    }

    /// <summary>The node it runs.</summary>
    public LocalNode Node { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once it has ended.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the node with <paramref name="environment"/> added to this process's; its log goes to <paramref name="logPath"/> (appended).</summary>
    public static NodeProcess Start(
        LocalNode node, string fileName, IReadOnlyList<string> arguments, IReadOnlyList<KeyValuePair<string, string>> environment, string logPath)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var stream = new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        var log = new StreamWriter(stream) { AutoFlush = true };
        var settings = string.Concat(environment.Select(setting => $"{setting.Key}={setting.Value} "));
        log.WriteLine($"--- wisp up starts {node.Name} at {DateTimeOffset.UtcNow:O}: {settings}{fileName} {string.Join(' ', arguments)}");
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        }
        catch
        {
            log.Dispose();
            throw;
        }
        var child = new NodeProcess(node, process, log);
        process.OutputDataReceived += (_, line) => child.Append(line.Data);
        process.ErrorDataReceived += (_, line) => child.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Stops the node: SIGTERM, up to <paramref name="grace"/> to drain, then kill. Returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            if (OperatingSystem.IsWindows() || SendSignal(_process.Id, SigTerm) != 0)
                _process.Kill();
            using var timeout = new CancellationTokenSource(grace);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }
        // The asynchronous readers deliver the last lines after the exit; this waits for them.
        await _process.WaitForExitAsync(CancellationToken.None);
        return _process.ExitCode;
    }

    /// <summary>The last <paramref name="count"/> lines of the node's log, to explain why it stopped.</summary>
    public static IReadOnlyList<string> LogTail(string logPath, int count)
    {
        try
        {
            using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var tail = new Queue<string>(count + 1);
            while (reader.ReadLine() is { } line)
            {
                tail.Enqueue(line);
                if (tail.Count > count) tail.Dequeue();
            }
            return [.. tail];
        }
        catch (IOException)
        {
            return [];
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_logLock)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // A full disk or a closing log must not take the supervisor down; the node keeps running.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(30));
        lock (_logLock) _log.Dispose();
        _process.Dispose();
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
