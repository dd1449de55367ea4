using System.CommandLine;
using Wisp.Cli.Output;
using Wisp.Network.Local;
using Wisp.Node.Hosting;

namespace Wisp.Cli.Commands.Net;

/// <summary><c>wisp net add-node</c>: new nodes join the registry; a running <c>wisp up</c> starts them.</summary>
internal static class NetAddNodeCommand
{
    public static Command Create(NetworkContext context)
    {
        var network = NetworkContext.NetworkOption();
        var count = new Option<int>("--count")
        {
            Description = $"How many nodes to add (default 1, at most {LocalNetworkLimits.MaxNodesPerAdd}).",
            DefaultValueFactory = _ => 1,
        };
        var json = NetworkContext.JsonOption();
        var command = new Command("add-node",
            "Add nodes to the local network: make their identities, pick free ports, and join them to the registry. "
            + "A running `wisp up` starts them; otherwise the next `wisp up` does.")
        {
            network, count, json,
        };
        command.SetAction(parse =>
        {
            var folder = context.ResolveFolder(parse, network);
            var howMany = parse.GetValue(count);
            if (howMany is < 1 or > LocalNetworkLimits.MaxNodesPerAdd)
                return CliOutput.Error($"--count: {howMany} is out of range; give 1 to {LocalNetworkLimits.MaxNodesPerAdd}.", parse.InvocationConfiguration.Error);
            if (!LocalNetworkEditor.TryOpen(folder, createIfMissing: false, WispNodeHost.Version, TimeProvider.System, out var editor, out _, out var problem))
                return CliOutput.Error(problem, parse.InvocationConfiguration.Error, CliOutput.Failure);
            IReadOnlyList<LocalNode> added;
            using (editor)
                added = editor.AddNodes(howMany, UpHost.Of(editor.Network), NodeIdentities.CreateIn, out problem);
            if (problem is not null)
                return CliOutput.Error(problem, parse.InvocationConfiguration.Error, CliOutput.Failure);
            var upPid = LocalNetworkLocks.RunningUpProcess(folder);
            if (parse.GetValue(json))
            {
                parse.InvocationConfiguration.Output.WriteLine(CliJson.Document(new
                {
                    added = added.Select(n => new { name = n.Name, ed25519 = n.Ed25519Key.ToHex(), url = n.Url }),
                    startedByUp = upPid is not null,
                }));
                return 0;
            }
            foreach (var node in added)
                parse.InvocationConfiguration.Output.WriteLine($"Added {node.Name} at {node.Url} (ed25519 {node.Ed25519Key.ToHex()}).");
            parse.InvocationConfiguration.Output.WriteLine(upPid is not null
                ? "The running wisp up starts it now; `wisp net status` shows when it answers."
                : $"Nothing runs the network now; `wisp up{context.NetworkArgument(parse, folder)}` starts it with the others.");
            return 0;
        });
        return command;
    }
}
