using System.Numerics;
using Wisp.Chain.Anvil;
using Wisp.Chain.Deploy;
using Wisp.Chain.Keys;
using Wisp.Chain.Registry;
using Wisp.Crypto.Keys;

namespace Wisp.Chain.Tests.Support;

/// <summary>
/// A real Anvil chain with Wisp's registry deployed on it, one per test class (tests that rewind the chain must not
/// share it). Each test deploys its own registry with <see cref="DeployAsync"/> so histories do not mix.
/// </summary>
public sealed class LocalChain : IAsyncLifetime
{
    private AnvilProcess? _anvil;

    public AnvilProcess Anvil => _anvil ?? throw new InvalidOperationException("not started");

    /// <summary>Anvil's first development account: deploys, and holds the initial token supply.</summary>
    public EthereumKey Deployer => Anvil.DevKeys[0];

    public async ValueTask InitializeAsync() => _anvil = await AnvilProcess.StartAsync(new AnvilOptions(), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_anvil is not null)
            await _anvil.DisposeAsync();
    }

    /// <summary>A fresh registry on this chain (local parameters unless given).</summary>
    public async Task<RegistryContract> DeployAsync(RegistryParameters? parameters = null)
    {
        var deployer = await ChainClient.ConnectAsync(Anvil.RpcUrl, Deployer, TestContext.Current.CancellationToken);
        var deployment = await ChainDeployer.DeployAsync(deployer, parameters ?? RegistryParameters.Local, TestContext.Current.CancellationToken);
        return new RegistryContract(deployer, deployment);
    }

    /// <summary>A new operator key with 10 ETH and, unless told otherwise, one stake's worth of tokens from the deployer.</summary>
    public async Task<RegistryContract> OperatorAsync(RegistryContract registry, bool withTokens = true)
    {
        var key = EthereumKey.Generate();
        await Anvil.SetBalanceAsync(key.Address, BigInteger.Pow(10, 19));
        if (withTokens)
            await registry.TransferTokensAsync(key.Address, await registry.StakeAmountAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        return new RegistryContract(registry.Client.WithSigner(key), registry.Deployment);
    }

    /// <summary>Stakes a new node (port 20000 + <paramref name="index"/>) from a new funded operator; returns the node's keys.</summary>
    public async Task<Ed25519KeyPair> StakeNodeAsync(RegistryContract registry, int index)
    {
        var operatorContract = await OperatorAsync(registry);
        var node = Ed25519KeyPair.Generate();
        await operatorContract.StakeAsync(node, "127.0.0.1", 20000 + index, EthereumKey.Generate().Address, TestContext.Current.CancellationToken);
        return node;
    }

    /// <summary>A registry follower that reads only when asked.</summary>
    public Task<EvmRegistry> FollowAsync(RegistryContract registry, int confirmationDepth = 0) =>
        EvmRegistry.OpenAsync(
            EvmRegistryOptions.For(registry.Deployment, confirmationDepth) with { PollInterval = Timeout.InfiniteTimeSpan },
            TimeProvider.System, TestContext.Current.CancellationToken);
}
