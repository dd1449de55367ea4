using System.Globalization;
using System.Net.Sockets;
using Wisp.IntegrationTests.Support;
using Wisp.Network.Local;
using Wisp.Protocol.Push;
using Wisp.Protocol.Servers;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Push;

/// <summary>
/// The network the push tests share: <c>wisp up</c> with seven node processes (one swarm) and its push server. The push
/// server can be stopped and started again on the same data and port, as an operator restarting it would.
/// </summary>
public sealed class PushNetwork : LocalNetworkFixture, IAsyncDisposable
{
    private readonly List<WispProcess> _restarted = [];

    protected override int NodeCount => 7;

    /// <summary>The push server's data directory (what <c>wisp up</c> gave it).</summary>
    public string PushData => Path.Combine(Folder, PushServerRunFile.LocalNetworkFolder);

    /// <summary>The push server's run file as it is now.</summary>
    public ServerRunFile PushRun()
    {
        var path = Path.Combine(PushData, PushServerRunFile.FileName);
        Assert.True(File.Exists(path), $"wisp up wrote no {path}");
        return ServerRunFile.TryParse(File.ReadAllBytes(path)) ?? throw new InvalidOperationException($"{path} does not parse");
    }

    /// <summary>SIGTERM to the push server; waits until its process is gone.</summary>
    public async Task StopPushServerAsync()
    {
        var run = PushRun();
        ProcessSignals.Terminate(run.ProcessId);
        await Eventually.TrueAsync(() => Task.FromResult(!IsAlive(run.ProcessId)), "the push server exits", TimeSpan.FromSeconds(60));
    }

    /// <summary>Starts the push server again on its data directory and port; waits until it accepts connections.</summary>
    public async Task StartPushServerAsync(int port)
    {
        Assert.True(LocalNetwork.TryLoad(Folder, out var network, out var problem), problem);
        var process = WispProcess.Start("push", "run", "--data", PushData, "--host", "127.0.0.1",
            "--port", port.ToString(CultureInfo.InvariantCulture), "--allow-private-endpoints",
            "--registry", network.RegistryPath, "--registry-key", network.RegistryKey.ToHex());
        _restarted.Add(process);
        await Eventually.TrueAsync(async () => !process.HasExited && await AcceptsAsync(port), "the push server answers again", TimeSpan.FromSeconds(90));
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync("127.0.0.1", port, TestContext.Current.CancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // Re-implemented so xUnit's teardown stops the restarted push server before the network goes.
    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        foreach (var process in _restarted)
        {
            if (!process.HasExited) ProcessSignals.Terminate(process.Id);
            await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
            process.Dispose();
        }
        await DisposeAsync();
    }
}
