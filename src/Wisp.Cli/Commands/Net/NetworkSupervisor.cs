using Wisp.Network.Local;

namespace Wisp.Cli.Commands.Net;

/// <summary>
/// The node processes <c>wisp up</c> runs. <see cref="ApplyAsync"/> makes the running set match a network description:
/// starts active nodes that are not running, stops removed ones. Nothing is restarted on its own: a node that exits
/// is reported once (<see cref="TakeExited"/>) and left down.
/// </summary>
internal sealed class NetworkSupervisor(NodeRunSettings settings, TextWriter output) : IAsyncDisposable
{
    /// <summary>How long a stopping node may drain before it is killed (inside wisp's own 30 s termination window).</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(25);

    private readonly Dictionary<string, NodeProcess> _running = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reportedExit = new(StringComparer.Ordinal);

    /// <summary>The processes started and not yet stopped, by node name.</summary>
    public IReadOnlyDictionary<string, NodeProcess> Running => _running;

    /// <summary>
    /// Starts every active node of <paramref name="network"/> that this supervisor has not started yet, and stops every
    /// running node that was removed.
    /// </summary>
    public async Task ApplyAsync(LocalNetwork network)
    {
        foreach (var node in network.ActiveNodes)
        {
            if (_running.ContainsKey(node.Name))
                continue;
            var (fileName, arguments) = settings.CommandFor(network, node);
            var environment = NodeRunSettings.RuntimeSettingsFor(Environment.GetEnvironmentVariable).ToList();
            _running[node.Name] = NodeProcess.Start(node, fileName, arguments, environment, network.LogPathOf(node));
        }
        var removed = _running.Values.Where(p => network.Find(p.Node.Name) is not { Removed: false }).ToList();
        foreach (var process in removed)
        {
            _running.Remove(process.Node.Name);
            output.WriteLine($"{process.Node.Name} was removed from the network; stopping it (pid {process.Id}).");
        }
        await Task.WhenAll(removed.Select(async p =>
        {
            await p.StopAsync(StopGrace);
            await p.DisposeAsync();
        }));
    }

    /// <summary>Nodes that exited since the last call (each reported once).</summary>
    public IReadOnlyList<NodeProcess> TakeExited()
    {
        var exited = _running.Values.Where(p => p.HasExited && _reportedExit.Add(p.Node.Name)).ToList();
        return exited;
    }

    /// <summary>Stops every node at once (SIGTERM, then kill after the grace period).</summary>
    public async Task StopAllAsync()
    {
        var all = _running.Values.ToList();
        _running.Clear();
        await Task.WhenAll(all.Select(async p =>
        {
            await p.StopAsync(StopGrace);
            await p.DisposeAsync();
        }));
    }

    public async ValueTask DisposeAsync() => await StopAllAsync();
}
