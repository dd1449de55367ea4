using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Wisp.Client.Account;
using Wisp.Direct.Tests.Nat;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Direct;

/// <summary>
/// A Wisp network inside the NAT lab (<see cref="NatLab"/>, made by the test on this machine): <c>wisp up --host</c> runs
/// five nodes in the lab's "internet" namespace on its bridge address, where they serve HTTPS, the DHT and the blind
/// relay; clients are real <c>wisp</c> processes in the peer namespaces behind the simulated NATs, with profiles in one
/// Wisp home. Skipped (with the reason) where the lab cannot be built: no root, or no ip/iptables.
/// </summary>
public sealed class NatNetwork : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private readonly TempDirectory _home = new();
    private readonly List<Process> _daemons = [];
    private Process? _up;

    /// <summary>A folder for the test's own files (sources, downloads), deleted at the end.</summary>
    public string Scratch => Directory.CreateDirectory(Path.Combine(_folder.Path, "scratch")).FullName;

    /// <summary>Why the lab cannot run here, or null.</summary>
    public string? Skip { get; } = NatLab.Unavailable();

    internal NatLab Lab { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (Skip is not null) return;
        Lab = NatLab.Build();
        try
        {
            await StartNetworkAsync();
        }
        catch
        {
            await DisposeAsync(); // the namespaces and wisp up must not outlive a failed start
            throw;
        }
    }

    private async Task StartNetworkAsync()
    {
        _up = Lab.StartIn("pub", "dotnet",
            [WispProcess.WispDll, "up", "--nodes", "5", "--host", NatLab.PubAddress, "--network", _folder.Path, "--json", "--log-level", "Warning"]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var line = await _up.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith('{'))
            throw new InvalidOperationException($"wisp up --host did not come up: {line} {await _up.StandardError.ReadToEndAsync(timeout.Token)}");
        using var view = JsonDocument.Parse(line);
        if (!view.RootElement.GetProperty("nodes").EnumerateArray().All(n => n.GetProperty("url").GetString()!.StartsWith($"https://{NatLab.PubAddress}:", StringComparison.Ordinal)))
            throw new InvalidOperationException($"the nodes are not on {NatLab.PubAddress}: {line}");
        _ = _up.StandardError.ReadToEndAsync(CancellationToken.None); // progress lines; drained so the pipe never fills
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var daemon in _daemons)
            await StopAsync(daemon);
        _daemons.Clear();
        if (Interlocked.Exchange(ref _up, null) is { } up)
            await StopAsync(up); // wisp up stops its nodes on SIGTERM
        if (Skip is null && Lab is not null)
            await Lab.DisposeAsync();
        _folder.Dispose();
        _home.Dispose();
    }

    /// <summary>A new account in profile <paramref name="profile"/> (no passphrase); its Account ID.</summary>
    public string CreateAccount(string profile)
    {
        var created = AccountVault.Create(WispHome.At(_home.Path), ProfileName.Parse(profile), passphrase: null);
        Assert.True(created.TryGet(out var account, out var error), error?.Message);
        var id = account.Account.AccountId.Hex;
        account.Account.Dispose();
        return id;
    }

    /// <summary>Runs <c>wisp args --home … --network …</c> in namespace <paramref name="ns"/> to the end.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string ns, params string[] args)
    {
        using var process = Lab.StartIn(ns, "dotnet", [WispProcess.WispDll, .. args, "--home", _home.Path, "--network", _folder.Path]);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs <c>wisp args --home …</c> on this machine's network namespace (commands that read the profile only).</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> OfflineAsync(params string[] args) =>
        WispProcess.RunAsync([.. args, "--home", _home.Path]);

    /// <summary>
    /// <c>wisp daemon --profile P --json</c> in namespace <paramref name="ns"/>, kept online until the class ends; returns
    /// once it printed that it is online.
    /// </summary>
    public async Task StartDaemonAsync(string ns, string profile)
    {
        var daemon = Lab.StartIn(ns, "dotnet", [WispProcess.WispDll, "daemon", "--profile", profile, "--json", "--home", _home.Path, "--network", _folder.Path]);
        _daemons.Add(daemon);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var first = await daemon.StandardOutput.ReadLineAsync(timeout.Token);
        Assert.True(first is not null && first.Contains("\"online\"", StringComparison.Ordinal), $"wisp daemon ({profile}) did not come online: {first}");
        _ = DrainAsync(daemon.StandardOutput); // its events are read back from the profile with `wisp history`
        _ = DrainAsync(daemon.StandardError);
    }

    /// <summary>The messages of <c>wisp history PEER --profile P --json</c> (oldest first), with their path markers.</summary>
    public async Task<List<Shown>> HistoryAsync(string profile, string peer)
    {
        var (code, stdout, stderr) = await OfflineAsync("history", peer, "--profile", profile, "--json");
        Assert.True(code == 0, stderr);
        using var document = JsonDocument.Parse(stdout);
        return
        [
            .. document.RootElement.GetProperty("messages").EnumerateArray().Select(m => new Shown(
                m.GetProperty("id").GetString()!, m.GetProperty("body").GetString()!, m.GetProperty("path").GetString()!,
                m.GetProperty("direction").GetString()!,
                m.TryGetProperty("file_paths", out var files) ? [.. files.EnumerateArray().Select(f => f.GetString()!)] : [])),
        ];
    }

    /// <summary>The direct-mode state (<c>off</c>, <c>offered</c>, <c>requested</c>, <c>on</c>) of <paramref name="profile"/> with <paramref name="peer"/>.</summary>
    public async Task<string> DirectStateAsync(string profile, string peer)
    {
        var (code, stdout, stderr) = await OfflineAsync("contacts", "direct", "--profile", profile, "--json");
        Assert.True(code == 0, stderr);
        using var document = JsonDocument.Parse(stdout);
        return document.RootElement.GetProperty("contacts").EnumerateArray()
            .Where(c => c.GetProperty("account_id").GetString() == peer)
            .Select(c => c.GetProperty("state").GetString()!)
            .FirstOrDefault() ?? "off";
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync(CancellationToken.None) is not null)
            {
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process ended.
        }
    }

    private static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited && SendSignal(process.Id, 15) == 0)
            {
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    await process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}

/// <summary>One message as <c>wisp history --json</c> shows it: the way it came or went, and each file's.</summary>
public sealed record Shown(string Id, string Body, string Path, string Direction, IReadOnlyList<string> FilePaths);
