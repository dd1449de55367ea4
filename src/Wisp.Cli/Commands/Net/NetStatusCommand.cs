using System.CommandLine;
using Wisp.Cli.Output;
using Wisp.Network.Local;
using Wisp.Network.Registry;

namespace Wisp.Cli.Commands.Net;

/// <summary><c>wisp net status</c>: every node (keys, URL, swarm, health asked live, memory) and every swarm.</summary>
internal static class NetStatusCommand
{
    public static Command Create(NetworkContext context)
    {
        var folderOption = NetworkContext.NetworkOption();
        var json = NetworkContext.JsonOption();
        var all = new Option<bool>("--all") { Description = "Also list removed nodes (JSON always lists them, with \"removed\": true)." };
        var command = new Command("status",
            "Show every node of the local network (name, Ed25519 and X25519 keys, URL, swarm id, health from a live request, "
            + "resident memory) and every swarm.")
        {
            folderOption, json, all,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = context.ResolveFolder(parse, folderOption);
            if (!LocalNetwork.TryLoad(folder, out var network, out var problem))
                return CliOutput.Error(problem, parse.InvocationConfiguration.Error, CliOutput.Failure);
            var registry = RegistryFile.Load(network.RegistryPath, network.RegistryKey);
            if (!registry.IsSuccess)
                return CliOutput.Error($"the registry {network.RegistryPath} cannot be used: {registry.Error.Message}", parse.InvocationConfiguration.Error, CliOutput.Failure);
            var health = await NodeProbe.ProbeAllAsync(network, network.ActiveNodes, cancellationToken);
            var view = NetworkView.Of(network, registry.Value, health, LocalNetworkLocks.RunningUpProcess(folder));
            if (parse.GetValue(json))
                parse.InvocationConfiguration.Output.WriteLine(view.ToJson());
            else
                view.WriteText(parse.InvocationConfiguration.Output, parse.GetValue(all));
            return 0;
        });
        return command;
    }
}
