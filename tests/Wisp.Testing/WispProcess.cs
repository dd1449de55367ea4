using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Wisp.Testing;

/// <summary>
/// The real <c>wisp</c> command run as a child process (the built Wisp.Cli next to these tests), for what only a
/// separate process can show: kill -9, SIGTERM, exit codes.
/// </summary>
public sealed class WispProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private WispProcess(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Path of the built wisp.dll, recorded in this assembly at build time.</summary>
    public static string WispDll =>
        typeof(WispProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "WispCliPath").Value
        ?? throw new InvalidOperationException("The test project did not record the path of wisp.dll.");

    /// <summary>Starts <c>dotnet wisp.dll args…</c>.</summary>
    public static WispProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WispDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return new WispProcess(Process.Start(start)!);
    }

    /// <summary>Runs a command to completion; returns its exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var stdout = await process._process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var exitCode = await process.WaitForExitAsync();
        return (exitCode, stdout, await process._stderr);
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Reads the first line of stdout (the JSON a <c>--json</c> run prints once the node is up).</summary>
    public Task<JsonElement> ReadJsonLineAsync() => ReadJsonLineAsync(TimeSpan.FromSeconds(60));

    /// <summary>Reads the next line of stdout as JSON, waiting up to <paramref name="wait"/> (e.g. for <c>wisp up --json</c>, which prints once every node answers).</summary>
    public async Task<JsonElement> ReadJsonLineAsync(TimeSpan wait)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(wait);
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null)
        {
            await _process.WaitForExitAsync(timeout.Token);
            Assert.Fail($"wisp exited ({_process.ExitCode}) before printing; stderr: {await _stderr}");
        }
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    /// <summary>kill -9: the process gets no chance to flush or clean up.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: false);

    /// <summary>SIGTERM: what systemd sends to stop a service.</summary>
    public void Terminate()
    {
        if (SendSignal(_process.Id, Sigterm) != 0) throw new InvalidOperationException("kill(SIGTERM) failed.");
    }

    /// <summary>Waits (generously) for the process to exit; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>Waits for the process to exit without the test's token (for teardown, which runs after a test is cancelled too).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        return _process.ExitCode;
    }

    /// <summary>What the process wrote to stderr (after it exited).</summary>
    public Task<string> StderrAsync() => _stderr;

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
