using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Wisp.Chain.Keys;
using Wisp.Chain.Registry;
using Wisp.Chain.Tests.Support;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;
using Wisp.Testing;

namespace Wisp.Chain.Tests.Registry;

public sealed class EvmRegistryEquivalenceTests(LocalChain chain) : IClassFixture<LocalChain>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_history_gives_the_same_nodes_and_swarms_as_the_file_registry()
    {
        // The history, done on chain: 12 joins, one exit, one move, two more joins.
        var registry = await chain.DeployAsync();
        var operators = new List<RegistryContract>();
        var nodes = new List<Ed25519KeyPair>();
        var history = new List<(RegistryChange Change, TransactionReceipt Receipt)>();
        for (var i = 0; i < 14; i++)
        {
            var operatorContract = await chain.OperatorAsync(registry);
            var node = Ed25519KeyPair.Generate();
            var receipt = await operatorContract.StakeAsync(node, "127.0.0.1", 21000 + i, EthereumKey.Generate().Address, Token);
            operators.Add(operatorContract);
            nodes.Add(node);
            history.Add((new NodeJoin(node.PublicKey, node.X25519PublicKey, "127.0.0.1", 21000 + i, ChainReplay.SoftwareVersion), receipt));
            if (i == 11)
            {
                history.Add((new NodeLeave(nodes[3].PublicKey), await operators[3].RequestExitAsync(nodes[3].PublicKey, Token)));
                history.Add((new NodeAddressUpdate(nodes[5].PublicKey, "127.0.0.2", 22005, ChainReplay.SoftwareVersion),
                    await operators[5].UpdateAddressAsync(nodes[5].PublicKey, "127.0.0.2", 22005, Token)));
            }
        }
        using var evm = await chain.FollowAsync(registry);

        // The same history, written by a file registry's authority at the same times, then followed by FileRegistry.
        using var folder = new TempDirectory();
        Directory.CreateDirectory(folder.Path);
        var path = Path.Combine(folder.Path, "registry.json");
        using var authorityKey = Ed25519KeyPair.Generate();
        var clock = new SettableTime();
        var authority = RegistryAuthority.OpenOrCreate(path, authorityKey, clock).Value!;
        foreach (var (change, receipt) in history)
        {
            clock.Now = await BlockTimeAsync(registry, receipt);
            Assert.True(authority.Append(change).IsSuccess);
        }
        using var file = FileRegistry.Open(new FileRegistryOptions { Path = path, RegistryKey = authorityKey.PublicKey }, TimeProvider.System).Value!;

        Assert.Equal(file.Current.Version, evm.Current.Version);
        Assert.Equal(file.Current.Hash, evm.Current.Hash);
        Assert.Equal(file.Current.ActiveNodes, evm.Current.ActiveNodes);
        Assert.Equal(13, evm.Current.ActiveNodes.Count);
        Assert.Equal(file.Current.Swarms.SwarmIds, evm.Current.Swarms.SwarmIds);
        foreach (var node in nodes)
            Assert.Equal(file.Current.Swarms.SwarmOf(node.PublicKey)?.Id, evm.Current.Swarms.SwarmOf(node.PublicKey)?.Id);
    }

    [Fact]
    public async Task Followers_with_different_confirmation_depths_agree_once_both_have_caught_up()
    {
        var registry = await chain.DeployAsync();
        for (var i = 0; i < 6; i++)
            await chain.StakeNodeAsync(registry, i);
        await chain.Anvil.MineAsync(4);

        using var node = await chain.FollowAsync(registry, confirmationDepth: 4);
        using var client = await chain.FollowAsync(registry, confirmationDepth: 0);

        Assert.Equal(6, client.Current.ActiveNodes.Count);
        Assert.Equal(client.Current.Hash, node.Current.Hash);
        Assert.Equal(client.Current.Swarms.SwarmIds, node.Current.Swarms.SwarmIds);
    }

    private static async Task<DateTimeOffset> BlockTimeAsync(RegistryContract registry, TransactionReceipt receipt)
    {
        var block = await registry.Client.Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new HexBigInteger(receipt.BlockNumber.Value));
        return DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value);
    }
}
