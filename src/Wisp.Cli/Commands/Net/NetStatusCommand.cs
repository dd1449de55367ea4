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
            // a network run on a chain shows the chain registry's nodes and swarms, and the chain itself.
            (ChainStatusView View, Wisp.Chain.Registry.EvmRegistry Registry)? chain;
            try
            {
                chain = await ChainStatusView.ReadAsync(network, cancellationToken);
            }
            catch (Wisp.Chain.ChainException e)
            {
                return CliOutput.Error($"the network's chain cannot be read: {e.Message}", parse.InvocationConfiguration.Error, CliOutput.Failure);
            }
            using var chainRegistry = chain?.Registry;
            var registry = chain is { } onChain ? onChain.Registry.Current : RegistryFile.Load(network.RegistryPath, network.RegistryKey) is { IsSuccess: true } loaded ? loaded.Value : null;
            if (registry is null)
                return CliOutput.Error($"the registry {network.RegistryPath} cannot be used: {RegistryFile.Load(network.RegistryPath, network.RegistryKey).Error?.Message}", parse.InvocationConfiguration.Error, CliOutput.Failure);
            var health = await NodeProbe.ProbeAllAsync(network, network.ActiveNodes, cancellationToken);
            var view = NetworkView.Of(network, registry, health, LocalNetworkLocks.RunningUpProcess(folder)) with { Chain = chain?.View };
            if (parse.GetValue(json))
                parse.InvocationConfiguration.Output.WriteLine(view.ToJson());
            else
            {
                view.WriteText(parse.InvocationConfiguration.Output, parse.GetValue(all));
                chain?.View.WriteText(parse.InvocationConfiguration.Output);
            }
            return 0;
        });
        return command;
    }
}
