using Wisp.Chain.Keys;
using Wisp.Chain.Registry;
using Wisp.Chain.Tests.Support;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;

namespace Wisp.Chain.Tests.Registry;

public sealed class EvmRegistryTests(LocalChain chain) : IClassFixture<LocalChain>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_staked_node_is_listed_with_its_keys_and_address()
    {
        var registry = await chain.DeployAsync();
        var node = await chain.StakeNodeAsync(registry, 1);

        using var follower = await chain.FollowAsync(registry);

        var listed = Assert.Single(follower.Current.ActiveNodes);
        Assert.Equal(node.PublicKey, listed.Ed25519Key);
        Assert.Equal(node.X25519PublicKey, listed.X25519Key);
        Assert.Equal("127.0.0.1:20001", listed.Endpoint);
        Assert.Equal(1, follower.Current.Swarms.NodeCount);
        Assert.Equal(ChainNodeStatus.Active, Assert.Single(follower.Nodes).Status);
    }

    [Fact]
    public async Task A_node_staked_after_opening_appears_on_refresh()
    {
        var registry = await chain.DeployAsync();
        using var follower = await chain.FollowAsync(registry);
        Assert.Empty(follower.Current.ActiveNodes);

        var node = await chain.StakeNodeAsync(registry, 1);

        Assert.Equal(RegistryRefreshOutcome.Updated, await follower.RefreshAsync(Token));
        Assert.Equal(node.PublicKey, Assert.Single(follower.Current.ActiveNodes).Ed25519Key);
    }

    [Fact]
    public async Task A_node_without_stake_tokens_cannot_join_and_is_not_listed()
    {
        var registry = await chain.DeployAsync();
        var unfunded = await chain.OperatorAsync(registry, withTokens: false);
        var node = Ed25519KeyPair.Generate();

        var refused = await Assert.ThrowsAsync<ChainException>(() =>
            unfunded.StakeAsync(node, "127.0.0.1", 20001, EthereumKey.Generate().Address, Token));
        using var follower = await chain.FollowAsync(registry);

        Assert.Contains("not enough stake tokens", refused.Message);
        Assert.Empty(follower.Current.ActiveNodes);
        Assert.Null(await registry.GetNodeAsync(node.PublicKey, Token));
    }

    [Fact]
    public async Task A_join_whose_ed25519_proof_fails_is_dropped()
    {
        var registry = await chain.DeployAsync();
        var honest = await chain.StakeNodeAsync(registry, 1);
        // The operator stakes a node key it does not hold: the proof is signed by another key.
        var victim = Ed25519KeyPair.Generate();
        var impostor = await chain.OperatorAsync(registry);
        var forger = Ed25519KeyPair.Generate();
        await impostor.Client.SendAsync(registry.Deployment.TokenAddress,
            new Contracts.ApproveFunction { Spender = registry.Deployment.RegistryAddress, Value = await registry.StakeAmountAsync(Token) }, Token);
        var voteKey = EthereumKey.Generate().Address;
        await impostor.Client.SendAsync(registry.Deployment.RegistryAddress, new Contracts.JoinFunction
        {
            Ed25519Key = victim.PublicKey.Span.ToArray(),
            X25519Key = victim.X25519PublicKey.Span.ToArray(),
            Host = "127.0.0.1",
            Port = 20002,
            VoteKey = voteKey,
            Ed25519Proof = JoinProof.Sign(forger, chain.Anvil.ChainId, registry.Deployment.RegistryAddress, impostor.Client.Signer!.Address, voteKey),
            Amount = await registry.StakeAmountAsync(Token),
        }, Token);

        using var follower = await chain.FollowAsync(registry);

        Assert.Equal(ChainNodeStatus.Active, (await registry.GetNodeAsync(victim.PublicKey, Token))!.Status); // the contract took the stake
        Assert.Equal(honest.PublicKey, Assert.Single(follower.Current.ActiveNodes).Ed25519Key);
        Assert.Equal(RegistryErrorKind.BadSignature, Assert.Single(follower.Dropped).Kind);
    }

    [Fact]
    public async Task The_join_proof_signs_the_contracts_join_message()
    {
        var registry = await chain.DeployAsync();
        var node = Ed25519KeyPair.Generate();
        var operatorAddress = EthereumKey.Generate().Address;
        var voteKey = EthereumKey.Generate().Address;

        var onChain = await registry.Client.QueryAsync<Contracts.JoinProofMessageFunction, byte[]>(registry.Deployment.RegistryAddress,
            new Contracts.JoinProofMessageFunction
            {
                Operator = operatorAddress,
                Ed25519Key = node.PublicKey.Span.ToArray(),
                X25519Key = node.X25519PublicKey.Span.ToArray(),
                VoteKey = voteKey,
            }, Token);

        Assert.Equal(onChain, JoinProof.Message(chain.Anvil.ChainId, registry.Deployment.RegistryAddress, operatorAddress, node.PublicKey, node.X25519PublicKey, voteKey));
    }
}
