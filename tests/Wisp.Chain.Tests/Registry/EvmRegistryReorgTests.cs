using Wisp.Chain.Registry;
using Wisp.Chain.Tests.Support;
using Wisp.Network.Registry;

namespace Wisp.Chain.Tests.Registry;

// Rewinding the chain (evm_revert) affects everything on it, so these tests have a chain of their own.
public sealed class EvmRegistryReorgTests(LocalChain chain) : IClassFixture<LocalChain>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reorganisation_within_the_confirmation_depth_changes_nothing_applied()
    {
        var registry = await chain.DeployAsync();
        await chain.Anvil.MineAsync(3);
        using var follower = await chain.FollowAsync(registry, confirmationDepth: 3);
        var fork = await chain.Anvil.SnapshotAsync();

        await chain.StakeNodeAsync(registry, 1); // its join is the newest block: not yet confirmed
        var beforeReorg = await follower.RefreshAsync(Token);
        Assert.True(await chain.Anvil.RevertAsync(fork)); // the join's blocks are replaced by empty ones
        await chain.Anvil.MineAsync(6);
        var afterReorg = await follower.RefreshAsync(Token);
        // The deployer's nonce went back with the chain; a fresh client asks the chain for it again.
        registry = new RegistryContract(registry.Client.WithSigner(chain.Deployer), registry.Deployment);
        var other = await chain.StakeNodeAsync(registry, 2);
        await chain.Anvil.MineAsync(3);
        var afterOther = await follower.RefreshAsync(Token);

        Assert.Equal(RegistryRefreshOutcome.Unchanged, beforeReorg);
        Assert.Equal(RegistryRefreshOutcome.Unchanged, afterReorg);
        Assert.Equal(RegistryRefreshOutcome.Updated, afterOther);
        Assert.Null(follower.LastError);
        Assert.Equal(other.PublicKey, Assert.Single(follower.Current.ActiveNodes).Ed25519Key);
    }

    [Fact]
    public async Task A_reorganisation_deeper_than_the_confirmation_depth_is_refused_and_the_list_stays()
    {
        var registry = await chain.DeployAsync();
        var fork = await chain.Anvil.SnapshotAsync();
        var node = await chain.StakeNodeAsync(registry, 1);
        using var follower = await chain.FollowAsync(registry, confirmationDepth: 0);
        Assert.Single(follower.Current.ActiveNodes);

        Assert.True(await chain.Anvil.RevertAsync(fork));
        await chain.Anvil.MineAsync(10);
        var outcome = await follower.RefreshAsync(Token);

        Assert.Equal(RegistryRefreshOutcome.Rejected, outcome);
        Assert.Equal(RegistryErrorKind.HistoryRewritten, follower.LastError!.Kind);
        Assert.Equal(node.PublicKey, Assert.Single(follower.Current.ActiveNodes).Ed25519Key);
    }
}
