using Wisp.Chain.Keys;
using Wisp.Chain.Registry;
using Wisp.Chain.Tests.Support;
using Wisp.Crypto.Keys;

namespace Wisp.Chain.Tests.Registry;

public sealed class OperatorTests(LocalChain chain) : IClassFixture<LocalChain>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_node_exits_after_its_unlock_delay_and_gets_its_stake_back()
    {
        var registry = await chain.DeployAsync();
        var operatorContract = await chain.OperatorAsync(registry);
        var me = operatorContract.Client.Signer!.Address;
        var node = Ed25519KeyPair.Generate();
        await operatorContract.StakeAsync(node, "127.0.0.1", 20001, EthereumKey.Generate().Address, Token);
        using var follower = await chain.FollowAsync(registry);
        Assert.Single(follower.Current.ActiveNodes);

        var early = await Assert.ThrowsAsync<ChainException>(() => operatorContract.WithdrawAsync(node.PublicKey, Token));
        await operatorContract.RequestExitAsync(node.PublicKey, Token);
        await follower.RefreshAsync(Token);
        var locked = await Assert.ThrowsAsync<ChainException>(() => operatorContract.WithdrawAsync(node.PublicKey, Token));
        var exiting = Assert.Single(follower.Nodes);
        Assert.Empty(follower.Current.ActiveNodes);
        Assert.Equal(0, await operatorContract.TokenBalanceAsync(me, Token));

        await chain.Anvil.MineAsync((int)RegistryParameters().UnlockDelay);
        await operatorContract.WithdrawAsync(node.PublicKey, Token);
        await follower.RefreshAsync(Token);

        Assert.Contains("has not asked to exit", early.Message);
        Assert.Contains("locked until block", locked.Message);
        Assert.Equal(ChainNodeStatus.Exiting, exiting.Status);
        Assert.Empty(follower.Nodes);
        Assert.True(await operatorContract.TokenBalanceAsync(me, Token) >= await registry.StakeAmountAsync(Token));
        Assert.Null(await registry.GetNodeAsync(node.PublicKey, Token));
    }

    [Fact]
    public async Task Rewards_accrue_to_an_active_node_and_are_claimed_by_its_operator()
    {
        var registry = await chain.DeployAsync();
        var operatorContract = await chain.OperatorAsync(registry);
        var node = Ed25519KeyPair.Generate();
        await operatorContract.StakeAsync(node, "127.0.0.1", 20001, EthereumKey.Generate().Address, Token);

        await chain.Anvil.MineAsync(5);
        var pending = await operatorContract.PendingRewardsAsync(node.PublicKey, Token);
        var claimed = await operatorContract.ClaimRewardsAsync(node.PublicKey, Token);

        Assert.True(pending > 0);
        Assert.True(claimed >= pending);
        Assert.Equal(claimed, await operatorContract.TokenBalanceAsync(operatorContract.Client.Signer!.Address, Token));
    }

    [Fact]
    public async Task Only_the_operator_who_staked_a_node_may_exit_it()
    {
        var registry = await chain.DeployAsync();
        var node = await chain.StakeNodeAsync(registry, 1);
        var stranger = await chain.OperatorAsync(registry);

        var refused = await Assert.ThrowsAsync<ChainException>(() => stranger.RequestExitAsync(node.PublicKey, Token));
        var unknown = await Assert.ThrowsAsync<ChainException>(() => stranger.RequestExitAsync(Ed25519KeyPair.Generate().PublicKey, Token));

        Assert.Contains("not by this operator key", refused.Message);
        Assert.Contains("is not staked", unknown.Message);
    }

    private static Deploy.RegistryParameters RegistryParameters() => Deploy.RegistryParameters.Local;
}
