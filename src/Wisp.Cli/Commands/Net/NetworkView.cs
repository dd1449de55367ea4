using System.Globalization;
using Wisp.Cli.Output;
using Wisp.Network.Local;
using Wisp.Network.Registry;

namespace Wisp.Cli.Commands.Net;

/// <summary>
/// What <c>wisp net status</c> (and <c>wisp up</c> once healthy) shows: every node with its keys, URL, swarm and
/// health and resident memory, and every swarm with its members. Printed as a table, or as JSON with <c>--json</c>.
/// </summary>
internal sealed record NetworkView(
    string Folder, string RegistryFile, string RegistryKey, long RegistryVersion, int? UpPid,
    IReadOnlyList<NodeView> Nodes, IReadOnlyList<SwarmRow> Swarms)
{
    /// <summary>the chain the network runs on (URL, registry, blocks, each staked node's state), or null for a registry file.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ChainStatusView? Chain { get; init; }

    /// <summary>The view of <paramref name="network"/> at <paramref name="registry"/>, with each node's health by name.</summary>
    public static NetworkView Of(LocalNetwork network, RegistrySnapshot registry, IReadOnlyDictionary<string, bool> health, int? upPid)
    {
        var names = network.Nodes.ToDictionary(n => n.Ed25519Key.ToHex(), n => n.Name);
        var nodes = network.Nodes.Select(node =>
        {
            var healthy = health.GetValueOrDefault(node.Name);
            var swarm = node.Removed ? null : registry.Swarms.SwarmOf(node.Ed25519Key);
            var pid = NodeProbe.RunningPid(network, node, healthy);
            return new NodeView(node.Name, node.Ed25519Key.ToHex(), node.Ed25519Key.ToX25519()?.ToHex() ?? "", node.Url,
                swarm is null ? null : SwarmId(swarm.Id), healthy, node.Removed, pid, pid is { } running ? ProcessMemory.ResidentBytes(running) : null,
                network.DataDirectoryOf(node));
        }).ToList();
        var swarms = registry.Swarms.Swarms.Select(swarm => new SwarmRow(SwarmId(swarm.Id),
            [.. swarm.Members.Select(m => names.GetValueOrDefault(m.ToHex()) ?? m.ToHex())])).ToList();
        return new NetworkView(network.Folder, network.RegistryPath, network.RegistryKey.ToHex(), registry.Version, upPid, nodes, swarms);
    }

    /// <summary>A swarm id as the storage RPC writes it (<c>get_swarm</c>'s "swarm": lowercase hex).</summary>
    public static string SwarmId(ulong id) => id.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>Active nodes that answer.</summary>
    public int HealthyCount => Nodes.Count(n => n.Healthy && !n.Removed);

    /// <summary>Nodes that are part of the network.</summary>
    public int ActiveCount => Nodes.Count(n => !n.Removed);

    /// <summary>Resident memory of every running node together, in bytes (what the network costs the machine).</summary>
    public long TotalRssBytes => Nodes.Sum(n => n.RssBytes ?? 0);

    /// <summary>Indented JSON (for <c>wisp net status --json</c>).</summary>
    public string ToJson() => CliJson.Document(this);

    /// <summary>One line of JSON (for <c>wisp up --json</c>, read by a supervising program as soon as the network is up).</summary>
    public string ToJsonLine() => CliJson.Line(this);

    /// <summary>The table of nodes and swarms for people.</summary>
    public void WriteText(TextWriter output, bool showRemoved)
    {
        output.WriteLine($"Local network in {Folder}: {HealthyCount}/{ActiveCount} nodes healthy, {Swarms.Count} swarm(s), registry version {RegistryVersion}"
            + (UpPid is { } pid ? $", run by wisp up (pid {pid})" : ", not run by wisp up"));
        output.WriteLine();
        output.WriteLine($"  {"NAME",-9} {"URL",-24} {"SWARM",-17} {"HEALTH",-8} {"PID",-8} {"RSS",10} ED25519");
        foreach (var node in Nodes.Where(n => showRemoved || !n.Removed))
        {
            var health = node.Removed ? "removed" : node.Healthy ? "ok" : "down";
            output.WriteLine($"  {node.Name,-9} {node.Url,-24} {node.Swarm ?? "-",-17} {health,-8} {node.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-",-8} "
                + $"{Mib(node.RssBytes),10} {node.Ed25519}");
        }
        output.WriteLine();
        foreach (var swarm in Swarms)
            output.WriteLine($"  swarm {swarm.Id,-16} {swarm.Members.Count} nodes: {string.Join(", ", swarm.Members)}");
        var running = Nodes.Count(n => n.RssBytes is not null);
        if (running > 0)
            output.WriteLine($"  memory: {Mib(TotalRssBytes)} resident in {running} node process(es), {Mib(TotalRssBytes / running)} each on average");
    }

    private static string Mib(long? bytes) =>
        bytes is { } value ? (value / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB" : "-";
}

/// <summary>One node in <see cref="NetworkView"/>; <paramref name="RssBytes"/> is its process's resident memory, null when it does not run.</summary>
internal sealed record NodeView(
    string Name, string Ed25519, string X25519, string Url, string? Swarm, bool Healthy, bool Removed, int? Pid, long? RssBytes, string Data);

/// <summary>One swarm in <see cref="NetworkView"/>: its id (hex) and its members by name.</summary>
internal sealed record SwarmRow(string Id, IReadOnlyList<string> Members);
