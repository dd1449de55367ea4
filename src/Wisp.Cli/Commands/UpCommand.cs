using System.CommandLine;
using Wisp.Cli.Commands.Net;
using Wisp.Cli.Output;
using Wisp.Client;
using Wisp.Network.Local;
using Wisp.Network.Swarms;

namespace Wisp.Cli.Commands;

/// <summary>
/// <c>wisp up</c>: a whole Wisp network on this machine. Creates (or reuses) a local network of nodes, each its own
/// <c>wisp node run</c> process on 127.0.0.1 (or <c>--host</c>) following the network's signed registry, waits until all answer, prints
/// where they are, and keeps them running until Ctrl-C or SIGTERM, when it stops every one cleanly.
/// </summary>
internal static class UpCommand
{
    /// <summary>
    /// How many nodes a new network gets (14): the fewest from which Session's assignment forms a second swarm. One
    /// swarm's excess over <see cref="SwarmLimits.ExcessBase"/> (5) must reach a new swarm (7) plus the margin each
    /// swarm keeps (2), so 5 + 7 + 2 = 14 nodes make two swarms of 7, and clients see more than one swarm at work.
    /// </summary>
    public const int DefaultNodeCount = SwarmLimits.ExcessBase + SwarmLimits.NewSwarmSize + SwarmLimits.IdealSwarmMargin;

    /// <summary>
    /// The fewest nodes that always carry a message (5). An onion path is <see cref="WispClient.OnionPathLength"/> nodes
    /// besides the destination — a guard and two relays — and the client keeps two
    /// guards that it never uses as relays: two guards, two relays and the destination are five distinct nodes. With
    /// four, a request whose destination is not a guard finds no path.
    /// </summary>
    public const int MinNodeCount = WispClient.MinimumNetworkSize;

    /// <summary>Where the nodes listen unless <c>--host</c> says otherwise: loopback, reached from this machine only.</summary>
    public const string DefaultHost = "127.0.0.1";

    public static Command Create(NetworkContext context)
    {
        var network = NetworkContext.NetworkOption();
        var nodes = new Option<int?>("--nodes")
        {
            Description = $"How many nodes the network has (default {DefaultNodeCount} for a new network: two swarms of 7; at least "
                + $"{MinNodeCount}: two guards, two relays and a destination). On an existing network "
                + "a larger number adds nodes; to have fewer, remove nodes with `wisp net remove-node`.",
        };
        var rateLimit = new Option<double>("--rate-limit")
        {
            Description = "Storage requests per second each node allows per client IP (default 0: no limit, since every client "
                + "and node of a local network shares the address 127.0.0.1).",
            DefaultValueFactory = _ => 0,
        };
        var sync = new Option<string>("--sync")
        {
            Description = "The nodes' --sync: 'normal' (default; a commit survives kill -9 of a node, not a machine crash) or 'full' (fsync every commit).",
            DefaultValueFactory = _ => "normal",
        };
        sync.AcceptOnlyFromAmong("full", "normal");
        var logLevel = new Option<string>("--log-level")
        {
            Description = "The nodes' log level (their logs go to nodes/<name>/node.log): Trace, Debug, Information (default), Warning, Error.",
            DefaultValueFactory = _ => "Information",
        };
        logLevel.AcceptOnlyFromAmong("Trace", "Debug", "Information", "Warning", "Error", "Critical");
        var json = NetworkContext.JsonOption();
        // run the network on a local chain's staked registry.
        var chain = new Option<bool>("--chain")
        {
            Description = "Run the network on a local EVM chain: start Anvil (npm @foundry-rs/anvil), deploy Wisp's staking registry, fund and "
                + "stake every node from its own operator key, and have nodes and clients follow the contract instead of the registry file.",
        };
        var host = new Option<string?>("--host")
        {
            Description = "The address the nodes listen on and are listed at in the registry, HTTPS and the DHT's UDP alike (default "
                + "127.0.0.1 for a new network, the one it was made with after). Give an address of this machine that other machines "
                + "or network namespaces reach, e.g. the host side of a bridge, so clients there can use the network and its DHT. "
                + "The file, community and push servers stay on 127.0.0.1 (clients reach them through the nodes).",
        };
        var command = new Command("up",
            "Run a local Wisp network: N nodes as separate processes on 127.0.0.1 (or --host) with their registry. Creates it on first use, "
            + "reuses it after; starts a file server beside the nodes; waits until every node answers; Ctrl-C or SIGTERM stops them all.")
        {
            network, nodes, host, rateLimit, sync, logLevel, json, chain,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            context.ResolveFolder(parse, network), context.NetworkArgument(parse, context.ResolveFolder(parse, network)), parse.GetValue(nodes),
            parse.GetValue(host), new NodeRunSettings(parse.GetValue(rateLimit), parse.GetValue(sync)!, parse.GetValue(logLevel)!), parse.GetValue(json),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken, parse.GetValue(chain)));
        return command;
    }

    private static async Task<int> RunAsync(
        string folder, string networkArgument, int? nodeCount, string? hostText, NodeRunSettings settings, bool json, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken, bool onChain = false)
    {
        // With --json, stdout carries only the one JSON line; progress goes to stderr.
        var progress = json ? stderr : stdout;
        if (nodeCount > LocalNetworkLimits.MaxNodesPerAdd)
            return CliOutput.Error($"--nodes: {nodeCount} is out of range; give {MinNodeCount} to {LocalNetworkLimits.MaxNodesPerAdd}.", stderr);
        if (nodeCount < MinNodeCount)
            return CliOutput.Error($"--nodes: {nodeCount} nodes cannot carry a message: {TooSmall} Give --nodes {MinNodeCount} or more.", stderr);
        if (UpHost.Check(hostText ?? DefaultHost, out var host) is { } badHost)
            return CliOutput.Error(badHost, stderr);
        if (LocalNetworkLocks.RunningUpProcess(folder) is { } running)
            return AlreadyRunning(folder, networkArgument, running, stderr);
        if (File.Exists(folder))
            return CliOutput.Error($"{NetworkContext.NetworkOptionName}: {folder} is a file; give a folder for the network.", stderr);
        if (hostText is not null && UpHost.Conflict(folder, host, networkArgument) is { } moved)
            return CliOutput.Error(moved, stderr);
        if (ActiveNodesOf(folder) is { } active && active < MinNodeCount && (nodeCount ?? 0) < MinNodeCount)
        {
            return CliOutput.Error($"the network in {folder} has {active} node(s), too few to carry a message: {TooSmall} "
                + $"Add nodes with `wisp net add-node{networkArgument} --count {MinNodeCount - active}`, or run `wisp up{networkArgument} --nodes {MinNodeCount}`.", stderr);
        }
        using var upLock = PrepareFolderAndLock(folder);
        if (upLock is null)
            return AlreadyRunning(folder, networkArgument, LocalNetworkLocks.RunningUpProcess(folder) ?? 0, stderr);

        var network = LocalNetworkPreparation.Prepare(folder, nodeCount, hostText is null ? null : host, progress, out var problem);
        if (network is null)
            return CliOutput.Error(problem!, stderr, CliOutput.Failure);
        if (await LeftoverNodesAsync(network, cancellationToken) is { } leftover)
            return CliOutput.Error(leftover, stderr, CliOutput.Failure);

        // with --chain, the nodes serve in a fresh local chain's registry, staked here; without it, a chain.json
        // left by an earlier --chain run is removed so clients follow the registry file again.
        var (chainNetwork, chainProblem) = await NodeChain.UpChain.StartAsync(onChain, network, progress, cancellationToken);
        if (chainProblem is not null)
            return CliOutput.Error(chainProblem, stderr, CliOutput.Failure);
        await using var localChain = chainNetwork;
        if (localChain is not null)
            settings = settings with { ChainArguments = localChain.NodeArguments };

        // the network's file server, started first so the nodes' relays are told its loopback port.
        var (files, filesProblem) = await FilesLocalServer.StartAsync(folder, cancellationToken);
        if (files is null)
            return CliOutput.Error(filesProblem!, stderr, CliOutput.Failure);
        await using var fileServer = files;
        // the network's community server with its lobby room; the relays admit its port as the file server's.
        var (community, communityProblem) = await Community.CommunityLocalServer.StartAsync(folder, cancellationToken);
        if (community is null)
            return CliOutput.Error(communityProblem!, stderr, CliOutput.Failure);
        await using var communityServer = community;
        progress.WriteLine($"Community server at {community.File.Url}; join its lobby: {community.File.JoinUrl} "
            + $"(clients read {Path.Combine(folder, Wisp.Protocol.Community.LocalCommunityFile.LocalNetworkFolder, Wisp.Protocol.Community.LocalCommunityFile.FileName)}).");
        // the network's push server (wisp push run): watches the registry's swarms, delivers to endpoints on this machine.
        var (push, pushProblem) = await Push.RunLocalServer.StartAsync(network, watchRegistry: localChain is null, cancellationToken);
        if (push is null)
            return CliOutput.Error(pushProblem!, stderr, CliOutput.Failure);
        await using var pushServer = push;
        progress.WriteLine($"Push server at {push.Run.Url} (x25519 {push.Run.X25519}); clients read "
            + $"{Path.Combine(folder, Wisp.Protocol.Push.PushServerRunFile.LocalNetworkFolder, Wisp.Protocol.Push.PushServerRunFile.FileName)}.");
        settings = settings with { ServerAllow = ["127.0.0.1"], ServerPorts = [files.Run.Port, community.Port, push.Run.Port] };
        progress.WriteLine($"File server at {files.Run.Url} (x25519 {files.Run.X25519}); clients read {Path.Combine(folder, Wisp.Protocol.Files.FileServerRunFile.LocalNetworkFolder, Wisp.Protocol.Files.FileServerRunFile.FileName)}.");

        var runner = new LocalNetworkRunner(network, progress);
        await using var supervisor = new NetworkSupervisor(settings, progress);
        progress.WriteLine($"Starting {network.ActiveNodes.Count()} nodes of the network in {folder}…");
        string? failed;
        try
        {
            failed = await runner.StartAsync(supervisor, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            progress.WriteLine("Interrupted; stopping the nodes…");
            await supervisor.StopAllAsync();
            return 0;
        }
        if (failed is not null)
        {
            await supervisor.StopAllAsync();
            return CliOutput.Error(failed, stderr, CliOutput.Failure);
        }

        var health = network.ActiveNodes.ToDictionary(n => n.Name, _ => true);
        var registry = localChain?.Registry.Current ?? runner.ReadRegistry();
        if (registry is null)
        {
            await supervisor.StopAllAsync();
            return CliOutput.Error($"the registry {network.RegistryPath} cannot be read any more.", stderr, CliOutput.Failure);
        }
        var view = NetworkView.Of(network, registry, health, Environment.ProcessId);
        if (json)
            stdout.WriteLine(view.ToJsonLine());
        else
            PrintReady(view, networkArgument, stdout);

        await runner.SuperviseAsync(supervisor, cancellationToken);
        progress.WriteLine($"Stopping {supervisor.Running.Count} nodes (each drains and commits first)…");
        await supervisor.StopAllAsync();
        progress.WriteLine("Every node stopped.");
        return 0;
    }

    private static string TooSmall =>
        $"every request travels an onion path of {WispClient.OnionPathLength} nodes (a guard and {WispClient.OnionPathLength - 1} relays) to a swarm node, "
        + $"and the client keeps {2} guards it never uses as relays: {MinNodeCount} distinct nodes in all.";

    /// <summary>How many nodes an existing network has, or null when the folder holds none (yet).</summary>
    private static int? ActiveNodesOf(string folder) =>
        LocalNetwork.TryLoad(folder, out var existing, out _) ? existing.ActiveNodes.Count() : null;

    private static IDisposable? PrepareFolderAndLock(string folder)
    {
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return LocalNetworkLocks.TryTakeUpLock(folder);
    }

    private static int AlreadyRunning(string folder, string networkArgument, int pid, TextWriter stderr) =>
        CliOutput.Error(
            $"the network in {folder} is already running{(pid > 0 ? $" (wisp up, pid {pid})" : "")}. "
            + $"See it with `wisp net status{networkArgument}`; stop it with Ctrl-C in its terminal{(pid > 0 ? $" or `kill {pid}`" : "")}.",
            stderr, CliOutput.Failure);

    /// <summary>Nodes that already answer before this wisp up started any: left over from a wisp up that was killed.</summary>
    private static async Task<string?> LeftoverNodesAsync(LocalNetwork network, CancellationToken cancellationToken)
    {
        var health = await NodeProbe.ProbeAllAsync(network, network.ActiveNodes, cancellationToken);
        var leftovers = network.ActiveNodes.Where(n => health[n.Name]).ToList();
        if (leftovers.Count == 0)
            return null;
        var pids = leftovers.Select(n => NodeProbe.RunningPid(network, n, healthy: true)).OfType<int>().ToList();
        return $"{string.Join(", ", leftovers.Select(n => n.Name))} already answer: node processes left by a wisp up that did not stop. "
            + (pids.Count > 0 ? $"Stop them with `kill {string.Join(' ', pids)}`, then run wisp up again." : "Stop them, then run wisp up again.");
    }

    private static void PrintReady(NetworkView view, string networkArgument, TextWriter stdout)
    {
        stdout.WriteLine();
        view.WriteText(stdout, showRemoved: false);
        stdout.WriteLine();
        stdout.WriteLine("Next steps:");
        (string Command, string What)[] steps =
        [
            ($"wisp net status{networkArgument}", "every node and swarm, live (--json for scripts)"),
            ($"wisp net add-node{networkArgument}", "one more node; this wisp up starts it"),
            ($"wisp net remove-node{networkArgument} NAME", "take a node out; this wisp up stops it"),
        ];
        var width = steps.Max(step => step.Command.Length) + 2;
        foreach (var (commandLine, what) in steps)
            stdout.WriteLine($"  {commandLine.PadRight(width)}{what}");
        stdout.WriteLine(networkArgument.Length == 0
            ? $"Clients on this machine find this network without flags: they read {Path.Combine(view.Folder, LocalNetwork.FileName)}."
            : $"Clients use this network when given{networkArgument} (e.g. `wisp send{networkArgument} …`).");
        stdout.WriteLine($"Node logs: {Path.Combine(view.Folder, LocalNetwork.NodesFolderName)}/<name>/{LocalNetwork.NodeLogFileName}. "
            + "Ctrl-C stops every node.");
    }
}
