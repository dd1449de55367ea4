using System.Globalization;
using Wisp.Network.Local;

namespace Wisp.Cli.Commands.Net;

/// <summary>
/// How <c>wisp up</c> runs each node: the same <c>wisp</c> executable with <c>node run</c> and the network's
/// registry, plus the options it applies to every node of a local network.
/// </summary>
/// <param name="RateLimitPerSecond">Per-IP storage request limit; 0 by default, since every client and node of a local network is 127.0.0.1.</param>
/// <param name="Sync">"full" or "normal" (the node's <c>--sync</c>).</param>
/// <param name="LogLevel">The nodes' log level.</param>
internal sealed record NodeRunSettings(double RateLimitPerSecond, string Sync, string LogLevel)
{
    /// <summary>
    /// Loopback or private addresses the nodes' onion relay may call HTTP servers on (<c>--server-allow</c>): the
    /// network's own local servers. Empty by default (the nodes refuse loopback like any node); <c>wisp up</c> names
    /// 127.0.0.1 here for the file server it starts, and that server's port in <see cref="ServerPorts"/>.
    /// </summary>
    public IReadOnlyList<string> ServerAllow { get; init; } = [];

    /// <summary>The ports of those local servers, added to the defaults (<c>--server-ports</c>); empty keeps 443 and 80.</summary>
    public IReadOnlyList<int> ServerPorts { get; init; } = [];

    /// <summary>with <c>wisp up --chain</c>, the arguments that make each node serve in the chain's registry instead of the file.</summary>
    public IReadOnlyList<string> ChainArguments { get; init; } = [];

    /// <summary>The program and the arguments that start <paramref name="node"/> of <paramref name="network"/>.</summary>
    public (string FileName, IReadOnlyList<string> Arguments) CommandFor(LocalNetwork network, LocalNode node)
    {
        var (fileName, leading) = WispExecutable();
        List<string> arguments =
        [
            .. leading, "node", "run",
            "--data", network.DataDirectoryOf(node),
            "--host", node.Host,
            "--port", node.Port.ToString(CultureInfo.InvariantCulture),
            .. ChainArguments.Count > 0 ? ChainArguments : ["--registry", network.RegistryPath, "--registry-key", network.RegistryKey.ToHex()],
            "--rate-limit", RateLimitPerSecond.ToString(CultureInfo.InvariantCulture),
            "--sync", Sync,
            "--log-level", LogLevel,
        ];
        foreach (var allowed in ServerAllow)
            arguments.AddRange(["--server-allow", allowed]);
        if (ServerPorts.Count > 0)
        {
            arguments.Add("--server-ports");
            arguments.AddRange(ServerPorts.Concat(Wisp.Node.Onion.ServerProxyOptions.DefaultPorts).Distinct()
                .Select(port => port.ToString(CultureInfo.InvariantCulture)));
        }
        return (fileName, arguments);
    }

    /// <summary>
    /// .NET runtime settings for the nodes of a local network, each applied unless this process's environment already
    /// sets it (so a measurement can compare). One machine runs every node, so idle memory counts for more than the
    /// last per cent of throughput: tiered compilation off (each method is compiled once, optimised, instead of a quick
    /// copy, call counters and a second compilation) and a non-concurrent GC (no background GC thread). On the default
    /// network they take a node's idle RSS from about 110 to 95 MiB, and the nodes' proportional share of memory from
    /// about 605 to 420 MiB in all (docs/PERFORMANCE.md, "Idle memory").
    /// </summary>
    public static IReadOnlyDictionary<string, string> RuntimeSettings { get; } = new Dictionary<string, string>
    {
        ["DOTNET_TieredCompilation"] = "0",
        ["DOTNET_gcConcurrent"] = "0",
    };

    /// <summary>The <see cref="RuntimeSettings"/> that <paramref name="environment"/> does not set itself.</summary>
    public static IEnumerable<KeyValuePair<string, string>> RuntimeSettingsFor(Func<string, string?> environment) =>
        RuntimeSettings.Where(setting => environment(setting.Key) is null);

    /// <summary>
    /// This very <c>wisp</c>: its own executable, or <c>dotnet</c> plus the entry assembly when it was started as
    /// <c>dotnet wisp.dll</c>.
    /// </summary>
    public static (string FileName, string[] LeadingArguments) WispExecutable()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this wisp executable is unknown.");
        if (Path.GetFileNameWithoutExtension(path) != "dotnet")
            return (path, []);
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        return string.IsNullOrEmpty(entry)
            ? throw new InvalidOperationException("wisp runs under dotnet, but its assembly's path is unknown.")
            : (path, [entry]);
    }
}
