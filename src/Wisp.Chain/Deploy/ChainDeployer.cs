using Wisp.Chain.Contracts;

namespace Wisp.Chain.Deploy;

/// <summary>Deploys Wisp's registry (which creates its stake token) and says where it is.</summary>
public static class ChainDeployer
{
    /// <summary>
    /// Deploys the registry from <paramref name="deployer"/>'s account, which receives the initial token supply to
    /// fund operators with.
    /// </summary>
    /// <exception cref="ChainException">The deployer has no ETH, or the chain refused the deployment.</exception>
    public static async Task<ChainDeployment> DeployAsync(ChainClient deployer, RegistryParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deployer);
        ArgumentNullException.ThrowIfNull(parameters);
        var signer = deployer.Signer ?? throw new ArgumentException("The deployer needs a signing key.", nameof(deployer));
        var deployment = new WispRegistryDeployment
        {
            ByteCode = ContractArtifacts.Bytecode("WispRegistry"),
            StakeAmount = parameters.StakeAmount,
            UnlockDelay = parameters.UnlockDelay,
            RoundLength = parameters.RoundLength,
            RewardPerBlock = parameters.RewardPerBlock,
            InitialHolder = signer.Address,
            InitialSupply = parameters.InitialSupply,
        };
        var receipt = await deployer.DeployAsync(deployment, cancellationToken).ConfigureAwait(false);
        var registry = receipt.ContractAddress;
        var token = await deployer.QueryAsync<TokenFunction, string>(registry, new TokenFunction(), cancellationToken).ConfigureAwait(false);
        return new ChainDeployment(deployer.RpcUrl, deployer.ChainId, registry, token, (long)receipt.BlockNumber.Value);
    }
}
