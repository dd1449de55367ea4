using System.Text.Json.Serialization;
using Wisp.Chain;
using Wisp.Chain.Deploy;
using Wisp.Chain.Registry;
using Wisp.Network.Local;

namespace Wisp.Cli.Commands.Net;

/// <summary>
/// the chain part of <c>wisp net status</c> for a network run on a chain: the chain's URL, the registry
/// contract, the newest block and the confirmed one, and each staked node's state on chain.
/// </summary>
internal sealed record ChainStatusView(string RpcUrl, long ChainId, string RegistryAddress, long HeadBlock, long SyncedBlock, IReadOnlyList<ChainNodeRow> Nodes)
{
    /// <summary>The chain view of <paramref name="network"/>, or null when it does not run on a chain (no chain.json).</summary>
    /// <exception cref="ChainException">The network has a chain.json but its chain cannot be read.</exception>
    public static async Task<(ChainStatusView View, EvmRegistry Registry)?> ReadAsync(LocalNetwork network, CancellationToken cancellationToken)
    {
        var file = Path.Combine(network.Folder, ChainDeployment.FileName);
        if (!File.Exists(file))
            return null;
        var deployment = await ChainDeployment.LoadAsync(file, cancellationToken);
        var registry = await EvmRegistry.OpenAsync(EvmRegistryOptions.For(deployment) with { PollInterval = Timeout.InfiniteTimeSpan }, TimeProvider.System, cancellationToken);
        var client = await ChainClient.ConnectAsync(deployment.RpcUrl, null, cancellationToken);
        var names = network.Nodes.ToDictionary(n => n.Ed25519Key.ToHex(), n => n.Name);
        var rows = registry.Nodes
            .Select(n => new ChainNodeRow(names.GetValueOrDefault(n.Node.ToHex()), n.Node.ToHex(), n.Status.ToString().ToLowerInvariant(), n.Operator, n.UnlockBlock))
            .ToList();
        var view = new ChainStatusView(deployment.RpcUrl, deployment.ChainId, deployment.RegistryAddress,
            await client.BlockNumberAsync(cancellationToken), registry.SyncedBlock, rows);
        return (view, registry);
    }

    /// <summary>The chain lines for people.</summary>
    public void WriteText(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Chain {RpcUrl} (chain id {ChainId}): registry {RegistryAddress}, block {HeadBlock} (confirmed to {SyncedBlock})");
        foreach (var node in Nodes)
            output.WriteLine($"  {node.Name ?? "-",-9} {node.State,-15} operator {node.Operator}{(node.UnlockBlock is { } unlock ? $", stake unlocks at block {unlock}" : "")}  {node.Ed25519}");
    }
}

/// <summary>One staked node in <see cref="ChainStatusView"/>: active, decommissioned, exiting or deregistered.</summary>
internal sealed record ChainNodeRow(string? Name, string Ed25519, string State, string Operator, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? UnlockBlock);
