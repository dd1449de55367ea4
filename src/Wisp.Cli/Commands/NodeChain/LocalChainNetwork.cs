using System.Numerics;
using Wisp.Chain;
using Wisp.Chain.Anvil;
using Wisp.Chain.Deploy;
using Wisp.Chain.Keys;
using Wisp.Chain.Registry;
using Wisp.Network.Local;
using Wisp.Node.Hosting;

namespace Wisp.Cli.Commands.NodeChain;

/// <summary>
/// The chain under <c>wisp up --chain</c>: a fresh Anvil, Wisp's registry deployed on it (<c>chain.json</c> in the
/// network folder), and every node of the network funded (ETH for gas, one stake of tokens) and staked from its own
/// operator key (<c>operator.key</c>) with its own vote key (<c>vote.key</c>). Nodes and clients then follow the
/// contract's registry; no key of this process decides who is a node. Disposing stops the chain.
/// </summary>
internal sealed class LocalChainNetwork : IAsyncDisposable
{
    /// <summary>Seconds between blocks once the nodes are staked, so confirmations keep coming when nothing is sent.</summary>
    public const int BlockTimeSeconds = 1;

    private LocalChainNetwork(AnvilProcess anvil, ChainDeployment deployment, EvmRegistry registry)
    {
        Anvil = anvil;
        Deployment = deployment;
        Registry = registry;
    }

    public AnvilProcess Anvil { get; }

    public ChainDeployment Deployment { get; }

    /// <summary>This process's own follower of the registry (for the summary and status).</summary>
    public EvmRegistry Registry { get; }

    /// <summary>The arguments that make <c>wisp node run</c> serve in this chain's registry.</summary>
    public IReadOnlyList<string> NodeArguments =>
    [
        "--chain-url", Deployment.RpcUrl,
        "--registry-address", Deployment.RegistryAddress,
        "--chain-start-block", Deployment.DeployBlock.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];

    /// <summary>Starts the chain, deploys, stakes every active node of <paramref name="network"/>, and waits until the registry lists them all.</summary>
    /// <exception cref="ChainException">Anvil is missing or a step failed; the message says which.</exception>
    public static async Task<LocalChainNetwork> StartAsync(LocalNetwork network, TextWriter progress, CancellationToken cancellationToken)
    {
        var anvil = await AnvilProcess.StartAsync(new AnvilOptions(), cancellationToken);
        try
        {
            var deployer = await ChainClient.ConnectAsync(anvil.RpcUrl, anvil.DevKeys[0], cancellationToken);
            var deployment = await ChainDeployer.DeployAsync(deployer, RegistryParameters.Local, cancellationToken);
            await deployment.SaveAsync(Path.Combine(network.Folder, ChainDeployment.FileName), cancellationToken);
            progress.WriteLine($"Chain at {anvil.RpcUrl} (Anvil, pid {anvil.ProcessId}); registry {deployment.RegistryAddress}, stake token {deployment.TokenAddress}.");

            var funder = new RegistryContract(deployer, deployment);
            var stake = await funder.StakeAmountAsync(cancellationToken);
            var nodes = network.ActiveNodes.ToList();
            foreach (var node in nodes)
            {
                var data = network.DataDirectoryOf(node);
                var operatorKey = await EthereumKeyFile.ReadOrCreateAsync(Path.Combine(data, EthereumKeyFile.OperatorFileName), cancellationToken);
                var voteKey = await EthereumKeyFile.ReadOrCreateAsync(Path.Combine(data, EthereumKeyFile.VoteFileName), cancellationToken);
                await anvil.SetBalanceAsync(operatorKey.Address, BigInteger.Pow(10, 19));
                await anvil.SetBalanceAsync(voteKey.Address, BigInteger.Pow(10, 19)); // votes are transactions too
                await funder.TransferTokensAsync(operatorKey.Address, stake, cancellationToken);
                if (!NodeKeyStore.TryLoad(data, out var keys, out var problem))
                    throw new ChainException($"{node.Name}: {problem}");
                using (keys)
                {
                    var operatorContract = new RegistryContract(deployer.WithSigner(operatorKey), deployment);
                    await operatorContract.StakeAsync(keys, node.Host, node.Port, voteKey.Address, cancellationToken);
                }
            }
            progress.WriteLine($"Staked {nodes.Count} nodes ({Tokens.Format(stake)} each, each from its own operator key).");
            await anvil.SetIntervalMiningAsync(BlockTimeSeconds);

            var registry = await EvmRegistry.OpenAsync(EvmRegistryOptions.For(deployment), TimeProvider.System, cancellationToken);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (registry.Current.ActiveNodes.Count < nodes.Count)
            {
                if (DateTime.UtcNow > deadline)
                    throw new ChainException($"the registry lists {registry.Current.ActiveNodes.Count} of {nodes.Count} staked nodes after 60 s");
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
                await registry.RefreshAsync(cancellationToken);
            }
            return new LocalChainNetwork(anvil, deployment, registry);
        }
        catch
        {
            await anvil.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Registry.Dispose();
        await Anvil.DisposeAsync();
    }
}
