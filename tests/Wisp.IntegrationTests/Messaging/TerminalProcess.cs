using System.Diagnostics;
using System.Text;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Messaging;

/// <summary>
/// A real <c>wisp</c> process on a pseudo-terminal, as a person runs it: <c>script</c> from util-linux (Debian's
/// essential bsdutils) gives it a terminal, so the command reads key by key; what the test writes is typed, what the
/// command prints is collected. Nothing is timed: waits are for text to appear, with generous bounds.
/// </summary>
internal sealed class TerminalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Task _reading;

    private TerminalProcess(Process process)
    {
        _process = process;
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Starts <c>dotnet wisp.dll args…</c> on a new pseudo-terminal.</summary>
    public static TerminalProcess Start(params string[] args)
    {
        var command = string.Join(' ', new[] { "dotnet", WispProcess.WispDll }.Concat(args).Select(Quote));
        var start = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-qfec", command, "/dev/null" })
            start.ArgumentList.Add(arg);
        return new TerminalProcess(Process.Start(start)!);
    }

    /// <summary>Everything printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Types <paramref name="keys"/> (a line ends with "\r", as Enter sends it; "\u0004" is Ctrl-D).</summary>
    public async Task TypeAsync(string keys)
    {
        await _process.StandardInput.WriteAsync(keys);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Types a line and Enter.</summary>
    public Task TypeLineAsync(string line) => TypeAsync(line + "\r");

    /// <summary>Waits until <paramref name="text"/> has been printed <paramref name="times"/> times.</summary>
    public Task WaitForAsync(string text, int times = 1, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(() => Task.FromResult(Count(text) >= times), $"the terminal shows \"{text}\" (×{times}); it shows:\n{Output}",
            timeout ?? TimeSpan.FromSeconds(90));

    /// <summary>How many times <paramref name="text"/> has been printed.</summary>
    public int Count(string text)
    {
        var output = Output;
        var count = 0;
        for (var at = output.IndexOf(text, StringComparison.Ordinal); at >= 0; at = output.IndexOf(text, at + text.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    /// <summary>Waits for the process to end; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        await _reading;
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new char[4096];
        int read;
        while ((read = await _process.StandardOutput.ReadAsync(buffer)) > 0)
        {
            lock (_output)
                _output.Append(buffer, 0, read);
        }
    }

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
