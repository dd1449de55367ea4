using System.CommandLine;
using Wisp.Cli.Output;
using Wisp.Network.Local;
using Wisp.Node.Hosting;

namespace Wisp.Cli.Commands.Net;

/// <summary><c>wisp net remove-node</c>: the node leaves the registry; a running <c>wisp up</c> stops it.</summary>
internal static class NetRemoveNodeCommand
{
    public static Command Create(NetworkContext context)
    {
        var network = NetworkContext.NetworkOption();
        var node = new Argument<string>("node") { Description = "The node to remove: its name (node-03) or its Ed25519 key in hex." };
        var json = NetworkContext.JsonOption();
        var command = new Command("remove-node",
            "Take a node out of the local network: it leaves the registry (its swarm peers keep its messages, and swarms "
            + "rebalance), and a running `wisp up` stops it. Its data directory stays; its name is not reused.")
        {
            network, node, json,
        };
        command.SetAction(parse =>
        {
            var folder = context.ResolveFolder(parse, network);
            if (!LocalNetworkEditor.TryOpen(folder, createIfMissing: false, WispNodeHost.Version, TimeProvider.System, out var editor, out _, out var problem))
                return CliOutput.Error(problem, parse.InvocationConfiguration.Error, CliOutput.Failure);
            LocalNode? removed;
            using (editor)
            {
                if (!editor.TryRemove(parse.GetValue(node)!, out removed, out problem))
                    return CliOutput.Error(problem, parse.InvocationConfiguration.Error, removed is null ? CliOutput.UsageError : CliOutput.Failure);
            }
            var upPid = LocalNetworkLocks.RunningUpProcess(folder);
            if (parse.GetValue(json))
            {
                parse.InvocationConfiguration.Output.WriteLine(CliJson.Document(new
                {
                    removed = new { name = removed.Name, ed25519 = removed.Ed25519Key.ToHex(), url = removed.Url },
                    stoppedByUp = upPid is not null,
                }));
                return 0;
            }
            parse.InvocationConfiguration.Output.WriteLine($"Removed {removed.Name} ({removed.Ed25519Key.ToHex()}) from the registry.");
            parse.InvocationConfiguration.Output.WriteLine(upPid is not null ? "The running wisp up stops it now." : "It will not start with the network again.");
            return 0;
        });
        return command;
    }
}
