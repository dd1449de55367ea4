using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Wisp.Bench.Storage;

/// <summary>
/// A process the storage suite starts (the node, the no-op server): it announces itself on its first line of
/// standard output; its standard error is kept (the last lines) to explain a failure; its memory can be read.
/// Stopped with SIGTERM (graceful), then killed if it does not exit.
/// </summary>
internal sealed partial class HelperProcess : IAsyncDisposable
{
    private const int StderrLinesKept = 20;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stderrTail = new();

    private HelperProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>.</summary>
    public static HelperProcess Start(string fileName, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var helper = new HelperProcess(process);
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            helper._stderrTail.Enqueue(line.Data);
            while (helper._stderrTail.Count > StderrLinesKept && helper._stderrTail.TryDequeue(out string? _)) { }
        };
        process.BeginErrorReadLine();
        return helper;
    }

    /// <summary>The bench executable itself, for its hidden helper modes.</summary>
    public static (string FileName, string[] LeadingArguments) Self()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("The bench's own executable path is unknown.");
        return Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? (path, ["exec", typeof(HelperProcess).Assembly.Location])
            : (path, []);
    }

    /// <summary>The process's first line of standard output; throws with its standard error if it exits or stays silent.</summary>
    public async Task<string> ReadFirstLineAsync(TimeSpan timeout)
    {
        using var timer = new CancellationTokenSource(timeout);
        try
        {
            var line = await _process.StandardOutput.ReadLineAsync(timer.Token);
            if (line is not null) return line;
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"{_process.StartInfo.FileName} said nothing within {timeout.TotalSeconds:0} s. {StderrText()}");
        }
        await _process.WaitForExitAsync(CancellationToken.None);
        throw new InvalidOperationException($"{_process.StartInfo.FileName} exited ({_process.ExitCode}) before announcing itself. {StderrText()}");
    }

    /// <summary>Reads and discards the rest of standard output, so a chatty process never blocks on a full pipe.</summary>
    public void DrainStandardOutput() => _ = _process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);

    /// <summary>What the process printed after its first line (a few seconds' worth) and its error output, to explain a failure.</summary>
    public async Task<string> DescribeFailureAsync()
    {
        var lines = new List<string>();
        using var timer = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            while (lines.Count < StderrLinesKept && await _process.StandardOutput.ReadLineAsync(timer.Token) is { } line)
                lines.Add(line);
        }
        catch (OperationCanceledException)
        {
            // Whatever arrived in time is enough.
        }
        return (lines.Count > 0 ? "It printed:\n  " + string.Join("\n  ", lines) + "\n" : "") + StderrText();
    }

    /// <summary>Resident memory now, in bytes.</summary>
    public long ResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>The most resident memory the process has had (VmHWM), in bytes.</summary>
    public long PeakResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.PeakWorkingSet64;
        }
    }

    private string StderrText() => _stderrTail.IsEmpty ? "(no error output)" : "Its last error output:\n  " + string.Join("\n  ", _stderrTail);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) _ = SendSignal(_process.Id, SigTerm);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }
        _process.Dispose();
    }

    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
