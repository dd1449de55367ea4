using System.CommandLine;
using System.Numerics;
using Wisp.Chain.Keys;
using Wisp.Chain.Tests.Support;
using Wisp.Cli.Commands;
using Wisp.Node.Hosting;
using Wisp.Testing;

namespace Wisp.Chain.Tests.Cli;

public sealed class NodeChainCommandTests(LocalChain chain) : IClassFixture<LocalChain>
{
    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr };
        var code = WispCommand.InvokeAsync(WispCommand.Create(), args, configuration).GetAwaiter().GetResult();
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string NodeFolder(TempDirectory folder)
    {
        Assert.True(NodeKeyStore.TryLoadOrCreate(folder.Path, out var keys, out _, out var problem), problem);
        keys.Dispose();
        return folder.Path;
    }

    [Fact]
    public void Stake_without_a_chain_says_how_to_name_one()
    {
        using var folder = new TempDirectory();
        var data = NodeFolder(folder);

        var (code, _, stderr) = Run("node", "stake", "--data", data, "--host", "127.0.0.1", "--port", "22021");

        Assert.Equal(1, code);
        Assert.Contains("no chain given: pass --chain-url and --registry-address", stderr);
    }

    [Fact]
    public async Task Stake_from_an_operator_without_funds_says_no_funds()
    {
        var registry = await chain.DeployAsync();
        using var folder = new TempDirectory();
        var data = NodeFolder(folder);

        var (code, _, stderr) = Run("node", "stake", "--data", data, "--host", "127.0.0.1", "--port", "22021",
            "--chain-url", chain.Anvil.RpcUrl, "--registry-address", registry.Deployment.RegistryAddress);

        Assert.Equal(1, code);
        Assert.Contains("no funds", stderr);
        Assert.True(File.Exists(Path.Combine(data, EthereumKeyFile.OperatorFileName))); // the key to fund, made for the operator
    }

    [Fact]
    public async Task Exit_of_a_node_that_is_not_staked_says_so()
    {
        var registry = await chain.DeployAsync();
        using var folder = new TempDirectory();
        var data = NodeFolder(folder);
        await EthereumKeyFile.WriteAsync(Path.Combine(data, EthereumKeyFile.OperatorFileName), EthereumKey.Generate(), TestContext.Current.CancellationToken);

        var (code, _, stderr) = Run("node", "exit", "--data", data, "--chain-url", chain.Anvil.RpcUrl, "--registry-address", registry.Deployment.RegistryAddress);

        Assert.Equal(1, code);
        Assert.Contains("not staked", stderr);
    }

    [Fact]
    public async Task An_operator_stakes_claims_rewards_and_exits_after_the_unlock_delay()
    {
        var registry = await chain.DeployAsync();
        using var folder = new TempDirectory();
        var data = NodeFolder(folder);
        var operatorKey = EthereumKey.Generate();
        await EthereumKeyFile.WriteAsync(Path.Combine(data, EthereumKeyFile.OperatorFileName), operatorKey, TestContext.Current.CancellationToken);
        await chain.Anvil.SetBalanceAsync(operatorKey.Address, BigInteger.Pow(10, 19));
        await registry.TransferTokensAsync(operatorKey.Address, await registry.StakeAmountAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        string[] on = ["--data", data, "--chain-url", chain.Anvil.RpcUrl, "--registry-address", registry.Deployment.RegistryAddress];

        var stake = Run(["node", "stake", "--host", "127.0.0.1", "--port", "22021", .. on]);
        await chain.Anvil.MineAsync(3);
        var rewards = Run(["node", "rewards", .. on]);
        var claim = Run(["node", "rewards", "claim", .. on]);
        var exit = Run(["node", "exit", .. on]);
        var early = Run(["node", "exit", .. on]);
        await chain.Anvil.MineAsync((int)Deploy.RegistryParameters.Local.UnlockDelay);
        var withdraw = Run(["node", "exit", .. on]);

        Assert.True(stake.Code == 0, stake.Stderr);
        Assert.Contains("Staked node", stake.Stdout);
        Assert.Contains("active, stake 1,000 WISP", rewards.Stdout);
        Assert.True(claim.Code == 0, claim.Stderr);
        Assert.Contains("Claimed", claim.Stdout);
        Assert.Contains("unlisted and exiting", exit.Stdout);
        Assert.Equal(1, early.Code);
        Assert.Contains("locked until block", early.Stderr);
        Assert.True(withdraw.Code == 0, withdraw.Stderr);
        Assert.Contains("Withdrew", withdraw.Stdout);
    }
}
