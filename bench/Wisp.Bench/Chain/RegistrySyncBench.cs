using System.Diagnostics;
using System.Numerics;
using Wisp.Chain;
using Wisp.Chain.Anvil;
using Wisp.Chain.Contracts;
using Wisp.Chain.Deploy;
using Wisp.Chain.Keys;
using Wisp.Chain.Registry;
using Wisp.Crypto.Keys;

namespace Wisp.Bench.Chain;

/// <summary>
/// <c>chain-sync [--nodes N]</c>: how long a new node or client takes to read the staked registry's history. A local
/// Anvil gets N joins (default 2,000, each in its own block, each with a valid Ed25519 proof), then a fresh
/// <see cref="EvmRegistry"/> reads it all from the deployment block. Checked first: every node listed, the swarms
/// formed. Printed: blocks and events read, the sync time, and the time per join.
/// </summary>
internal static class RegistrySyncBench
{
    public static int Run(string[] args)
    {
        var nodes = args.Length >= 2 && args[0] == "--nodes" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2_000;
        return RunAsync(nodes).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int count)
    {
        Console.WriteLine($"machine: {MachineInfo.CpuModel}, load {MachineInfo.LoadAverage}");
        await using var anvil = await AnvilProcess.StartAsync(new AnvilOptions());
        var deployer = await ChainClient.ConnectAsync(anvil.RpcUrl, anvil.DevKeys[0]);
        var parameters = RegistryParameters.Local with { InitialSupply = RegistryParameters.Local.StakeAmount * (count + 1) };
        var deployment = await ChainDeployer.DeployAsync(deployer, parameters);
        var stake = parameters.StakeAmount;
        await deployer.SendAsync(deployment.TokenAddress, new ApproveFunction { Spender = deployment.RegistryAddress, Value = stake * count });

        // One operator stakes every node (the contract allows it); sent without waiting for each receipt.
        var history = Stopwatch.StartNew();
        var handler = deployer.Web3.Eth.GetContractTransactionHandler<JoinFunction>();
        string last = "";
        for (var i = 0; i < count; i++)
        {
            using var node = Ed25519KeyPair.Generate();
            var vote = EthereumKey.Generate().Address;
            last = await handler.SendRequestAsync(deployment.RegistryAddress, new JoinFunction
            {
                Ed25519Key = node.PublicKey.Span.ToArray(),
                X25519Key = node.X25519PublicKey.Span.ToArray(),
                Host = $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}",
                Port = 22021,
                VoteKey = vote,
                Ed25519Proof = JoinProof.Sign(node, deployer.ChainId, deployment.RegistryAddress, deployer.Signer!.Address, vote),
                Amount = stake,
                Gas = new BigInteger(600_000),
            });
        }
        await deployer.Web3.TransactionReceiptPolling.PollForReceiptAsync(last);
        var head = await deployer.BlockNumberAsync();
        Console.WriteLine($"history: {count:N0} joins in blocks {deployment.DeployBlock}–{head}, made in {history.Elapsed.TotalSeconds:0.0} s");

        var sync = Stopwatch.StartNew();
        using var registry = await EvmRegistry.OpenAsync(
            EvmRegistryOptions.For(deployment, confirmationDepth: 0) with { PollInterval = Timeout.InfiniteTimeSpan }, TimeProvider.System);
        sync.Stop();
        if (registry.Current.ActiveNodes.Count != count || registry.Dropped.Count != 0)
        {
            Console.Error.WriteLine($"FAILED: {registry.Current.ActiveNodes.Count} of {count} nodes listed, {registry.Dropped.Count} events dropped");
            return 1;
        }
        Console.WriteLine($"check: {count:N0} nodes listed, {registry.Current.Swarms.SwarmIds.Count} swarms, 0 joins dropped");
        Console.WriteLine($"sync: {head - deployment.DeployBlock + 1:N0} blocks, {count:N0} join events read from block {deployment.DeployBlock} in "
            + $"{sync.Elapsed.TotalSeconds:0.00} s ({sync.Elapsed.TotalMilliseconds / count:0.00} ms a join; log queries of at most {ChainLimits.MaxLogRange} blocks)");
        return 0;
    }
}
