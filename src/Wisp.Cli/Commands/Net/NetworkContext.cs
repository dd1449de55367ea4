using System.CommandLine;
using Wisp.Network.Local;

namespace Wisp.Cli.Commands.Net;

/// <summary>What <c>wisp up</c> and every <c>wisp net</c> command share: the environment, the root <c>--home</c>, and the <c>--network</c> option.</summary>
/// <param name="Environment">The process edges (environment variables).</param>
/// <param name="Home">The global <c>--home</c> option, defined on the root command.</param>
internal sealed record NetworkContext(CliEnvironment Environment, Option<string?> Home)
{
    /// <summary>The option's name, the same on <c>up</c>, <c>net …</c> and every messaging command.</summary>
    public const string NetworkOptionName = "--network";

    /// <summary>A fresh <c>--network</c> option (System.CommandLine wants one instance per command).</summary>
    public static Option<string?> NetworkOption() => new(NetworkOptionName)
    {
        Description = "The local network's folder: network.json, the registry and every node's data. "
            + "Default: <wisp home>/network (see --home). `wisp up`, every `wisp net` command and the messaging commands take the same one.",
    };

    /// <summary>A fresh <c>--json</c> option.</summary>
    public static Option<bool> JsonOption() => new("--json") { Description = "Print JSON instead of text." };

    /// <summary>The folder <paramref name="network"/> names, or the default under the Wisp home (absolute).</summary>
    public string ResolveFolder(ParseResult parse, Option<string?> network)
    {
        var given = parse.GetValue(network);
        return !string.IsNullOrWhiteSpace(given)
            ? Path.GetFullPath(given)
            : LocalNetwork.DefaultFolder(WispHomePath.Resolve(parse.GetValue(Home), Environment.GetVariable));
    }

    /// <summary>" --network FOLDER" when <paramref name="folder"/> is not the default one, for the commands printed as next steps.</summary>
    public string NetworkArgument(ParseResult parse, string folder) =>
        folder == LocalNetwork.DefaultFolder(WispHomePath.Resolve(parse.GetValue(Home), Environment.GetVariable))
            ? ""
            : $" {NetworkOptionName} {folder}";
}
