using Wisp.Network.Local;
using Wisp.Network.Registry;

namespace Wisp.Cli.Commands.Net;

/// <summary>
/// The running part of <c>wisp up</c>: start every node, wait until all answer (reporting progress), then follow
/// <c>network.json</c> — starting added nodes, stopping removed ones — until cancelled, and stop them all.
/// </summary>
internal sealed class LocalNetworkRunner(LocalNetwork network, TextWriter progress)
{
    /// <summary>Starts the nodes and waits for all of them; null on success, or why they are not all up (they are stopped again).</summary>
    public async Task<string?> StartAsync(NetworkSupervisor supervisor, CancellationToken cancellationToken)
    {
        await supervisor.ApplyAsync(network);
        var active = network.ActiveNodes.ToList();
        var healthy = new HashSet<string>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + NetTimeouts.AllHealthy;
        var reported = -1;
        while (healthy.Count < active.Count)
        {
            if (supervisor.TakeExited() is [var exited, ..])
                return Describe(exited, "exited while starting");
            var waiting = active.Where(n => !healthy.Contains(n.Name)).ToList();
            var results = await NodeProbe.ProbeAllAsync(network, waiting, cancellationToken);
            healthy.UnionWith(results.Where(r => r.Value).Select(r => r.Key));
            if (healthy.Count != reported)
            {
                progress.WriteLine($"{healthy.Count}/{active.Count} nodes healthy…");
                reported = healthy.Count;
            }
            if (healthy.Count == active.Count)
                break;
            if (DateTime.UtcNow > deadline)
            {
                var late = string.Join(", ", active.Where(n => !healthy.Contains(n.Name)).Select(n => n.Name));
                return $"{late} did not answer within {NetTimeouts.AllHealthy.TotalSeconds:0} s; see their node.log in {network.Folder}/nodes/<name>/";
            }
            await Task.Delay(NetTimeouts.Poll, cancellationToken);
        }
        return null;
    }

    /// <summary>Follows <c>network.json</c> until <paramref name="cancellationToken"/> is cancelled (Ctrl-C, SIGTERM).</summary>
    public async Task SuperviseAsync(NetworkSupervisor supervisor, CancellationToken cancellationToken)
    {
        string? lastProblem = null;
        var current = network;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(NetTimeouts.Poll, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (LocalNetwork.TryLoad(current.Folder, out var latest, out var problem))
            {
                lastProblem = null;
                foreach (var added in latest.ActiveNodes.Where(n => !supervisor.Running.ContainsKey(n.Name)))
                    progress.WriteLine($"{added.Name} was added to the network; starting it at {added.Url}.");
                await supervisor.ApplyAsync(latest);
                current = latest;
            }
            else if (problem != lastProblem)
            {
                progress.WriteLine($"wisp: {problem}; the nodes keep running as they are.");
                lastProblem = problem;
            }
            if (cancellationToken.IsCancellationRequested)
                return;
            foreach (var exited in supervisor.TakeExited())
                progress.WriteLine(Describe(exited, "exited; it stays down (run `wisp up` again to start it)"));
        }
    }

    /// <summary>The registry now, for the summary (the one the nodes follow).</summary>
    public RegistrySnapshot? ReadRegistry() =>
        RegistryFile.Load(network.RegistryPath, network.RegistryKey) is { IsSuccess: true } loaded ? loaded.Value : null;

    private string Describe(NodeProcess process, string what)
    {
        var log = network.LogPathOf(process.Node);
        var tail = NodeProcess.LogTail(log, NetTimeouts.LogTailLines);
        return $"{process.Node.Name} (pid {process.Id}) {what}, exit code {process.ExitCode}. Its log is {log}"
            + (tail.Count > 0 ? "; it ends:\n    " + string.Join("\n    ", tail) : ".");
    }
}
