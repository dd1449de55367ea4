using System.CommandLine;
using Wisp.Chain;
using Wisp.Chain.Keys;
using Wisp.Chain.Registry;
using Wisp.Cli.Output;
using Wisp.Node.Hosting;

namespace Wisp.Cli.Commands.NodeChain;

/// <summary>
/// <c>wisp node stake|exit|rewards</c>: an operator's calls to the staked registry on an EVM chain. Each prints what
/// changed, or one line saying what is missing (no chain, no funds, not staked, stake still locked).
/// </summary>
internal static class NodeChainCommands
{
    public static IEnumerable<Command> Create() => [Stake(), Exit(), Rewards()];

    private static Command Stake()
    {
        var options = new NodeChainOptions();
        var host = new Option<string?>("--host") { Description = "The host clients reach the node at (default: the one it last ran on, from <data>/node.json)." };
        var port = new Option<int?>("--port") { Description = "The port clients reach the node at (default: the one it last ran on)." };
        var command = new Command("stake",
            "Stake this node in the chain's registry: the operator key (<data>/operator.key, created if missing) pays the stake "
            + "and gas, and the node joins with its keys, address, vote key (<data>/vote.key) and a proof it holds its Ed25519 key.")
        {
            host, port,
        };
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, async (stdout) =>
        {
            var data = parse.GetValue(options.Data)!;
            var run = NodeRunFile.TryRead(data);
            var nodeHost = parse.GetValue(host) ?? run?.Host;
            var nodePort = parse.GetValue(port) ?? run?.Port;
            if (nodeHost is null || nodePort is null)
                throw new ChainException($"no address for the node: give --host and --port (it has not run in {data} yet)");
            var (node, registry) = await options.OpenAsync(parse, createOperatorKey: true, cancellationToken);
            using (node)
            {
                var vote = await EthereumKeyFile.ReadOrCreateAsync(Path.Combine(data, EthereumKeyFile.VoteFileName), cancellationToken);
                var operatorAddress = registry.Client.Signer!.Address;
                var stake = await registry.StakeAmountAsync(cancellationToken);
                if (await registry.Client.EthBalanceAsync(operatorAddress, cancellationToken) == 0)
                    throw new ChainException($"no funds: the operator {operatorAddress} has no ETH for gas; send it ETH and {Tokens.Format(stake)}, then run this again");
                var receipt = await registry.StakeAsync(node, nodeHost, nodePort.Value, vote.Address, cancellationToken);
                stdout.WriteLine($"Staked node {node.PublicKey} ({Tokens.Format(stake)}) at {nodeHost}:{nodePort} in block {receipt.BlockNumber.Value}.");
                stdout.WriteLine($"  operator  {operatorAddress}");
                stdout.WriteLine($"  vote key  {vote.Address}");
                stdout.WriteLine($"  registry  {registry.Deployment.RegistryAddress} on {registry.Deployment.RpcUrl}");
            }
        }, cancellationToken));
        return command;
    }

    private static Command Exit()
    {
        var options = new NodeChainOptions();
        var command = new Command("exit",
            "Leave the registry: the first run unlists the node and starts its unlock delay; once the delay is over, run it "
            + "again to withdraw the stake (and unpaid rewards) to the operator.");
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, async (stdout) =>
        {
            var (node, registry) = await options.OpenAsync(parse, createOperatorKey: false, cancellationToken);
            using (node)
            {
                var info = await registry.GetNodeAsync(node.PublicKey, cancellationToken)
                    ?? throw new ChainException($"not staked: node {node.PublicKey} is not in the registry {registry.Deployment.RegistryAddress}");
                if (info.Status is ChainNodeStatus.Active or ChainNodeStatus.Decommissioned)
                {
                    await registry.RequestExitAsync(node.PublicKey, cancellationToken);
                    var after = await registry.GetNodeAsync(node.PublicKey, cancellationToken);
                    stdout.WriteLine($"Node {node.PublicKey} is unlisted and exiting; its stake unlocks at block {after?.UnlockBlock}. Run `wisp node exit` again then to withdraw it.");
                    return;
                }
                var balance = await registry.TokenBalanceAsync(registry.Client.Signer!.Address, cancellationToken);
                await registry.WithdrawAsync(node.PublicKey, cancellationToken);
                var paid = await registry.TokenBalanceAsync(registry.Client.Signer!.Address, cancellationToken) - balance;
                stdout.WriteLine($"Withdrew {Tokens.Format(paid)} to {registry.Client.Signer!.Address}; node {node.PublicKey} has left the registry.");
            }
        }, cancellationToken));
        return command;
    }

    private static Command Rewards()
    {
        var options = new NodeChainOptions();
        var claim = new Command("claim", "Pay the node's accrued rewards to its operator.");
        options.AddTo(claim);
        claim.SetAction((parse, cancellationToken) => RunAsync(parse, async (stdout) =>
        {
            var (node, registry) = await options.OpenAsync(parse, createOperatorKey: false, cancellationToken);
            using (node)
            {
                var amount = await registry.ClaimRewardsAsync(node.PublicKey, cancellationToken);
                stdout.WriteLine($"Claimed {Tokens.Format(amount)} for node {node.PublicKey}, paid to {registry.Client.Signer!.Address}.");
            }
        }, cancellationToken));

        var shown = new NodeChainOptions();
        var command = new Command("rewards", "Show the node's unpaid rewards and status in the registry (`rewards claim` pays them).") { claim };
        shown.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, async (stdout) =>
        {
            var (node, registry) = await shown.OpenAsync(parse, createOperatorKey: false, cancellationToken);
            using (node)
            {
                var info = await registry.GetNodeAsync(node.PublicKey, cancellationToken)
                    ?? throw new ChainException($"not staked: node {node.PublicKey} is not in the registry {registry.Deployment.RegistryAddress}");
                var pending = await registry.PendingRewardsAsync(node.PublicKey, cancellationToken);
                stdout.WriteLine($"Node {node.PublicKey}: {info.Status.ToString().ToLowerInvariant()}, stake {Tokens.Format(info.Stake)}, unpaid rewards {Tokens.Format(pending)}.");
            }
        }, cancellationToken));
        return command;
    }

    /// <summary>Runs a verb; a chain failure becomes one line on stderr and exit code 1.</summary>
    private static async Task<int> RunAsync(ParseResult parse, Func<TextWriter, Task> verb, CancellationToken cancellationToken)
    {
        try
        {
            await verb(parse.InvocationConfiguration.Output);
            return 0;
        }
        catch (ChainException e)
        {
            return CliOutput.Error(e.Message, parse.InvocationConfiguration.Error, CliOutput.Failure);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CliOutput.Error("interrupted", parse.InvocationConfiguration.Error, CliOutput.Failure);
        }
    }
}
