using System.Numerics;
using Wisp.Chain;
using Wisp.Chain.Anvil;
using Wisp.Chain.Deploy;
using Wisp.Chain.Keys;
using Wisp.Chain.Registry;
using Wisp.Chain.Votes;
using Wisp.Crypto.Keys;

namespace Wisp.IntegrationTests.Chain;

/// <summary>A staked node as a vote test sees it: its keys and its funded vote key.</summary>
internal sealed record StakedNode(Ed25519KeyPair Keys, EthereumKey VoteKey);

/// <summary>
/// A real Anvil with a registry deployed on it and nodes staked with vote keys the test holds, for checking the
/// C# side of votes (digest, signatures, quorum draw, submission) against the contract itself.
/// </summary>
internal sealed class VotingChain : IAsyncDisposable
{
    private VotingChain(AnvilProcess anvil, RegistryContract registry)
    {
        Anvil = anvil;
        Registry = registry;
    }

    public AnvilProcess Anvil { get; }

    public RegistryContract Registry { get; }

    public ChainDeployment Deployment => Registry.Deployment;

    public List<StakedNode> Nodes { get; } = [];

    /// <summary>Anvil (mining on demand) with a registry of <paramref name="roundLength"/>-block rounds and <paramref name="nodes"/> staked nodes on ports from <paramref name="firstPort"/>.</summary>
    public static async Task<VotingChain> StartAsync(int nodes, ulong roundLength, CancellationToken cancellationToken, int? blockTimeSeconds = null,
        Func<int, (string Host, int Port, Ed25519KeyPair Keys, EthereumKey VoteKey)>? node = null)
    {
        var anvil = await AnvilProcess.StartAsync(new AnvilOptions { BlockTimeSeconds = blockTimeSeconds }, cancellationToken);
        var deployer = await ChainClient.ConnectAsync(anvil.RpcUrl, anvil.DevKeys[0], cancellationToken);
        var deployment = await ChainDeployer.DeployAsync(deployer, RegistryParameters.Local with { RoundLength = roundLength }, cancellationToken);
        var chain = new VotingChain(anvil, new RegistryContract(deployer, deployment));
        for (var i = 0; i < nodes; i++)
        {
            var (host, port, keys, voteKey) = node?.Invoke(i) ?? ("127.0.0.1", 20000 + i, Ed25519KeyPair.Generate(), EthereumKey.Generate());
            await chain.StakeAsync(host, port, keys, voteKey, cancellationToken);
        }
        return chain;
    }

    /// <summary>Stakes one node from a new funded operator, with <paramref name="voteKey"/> (funded for gas) as its vote key.</summary>
    public async Task<StakedNode> StakeAsync(string host, int port, Ed25519KeyPair keys, EthereumKey voteKey, CancellationToken cancellationToken)
    {
        var operatorKey = EthereumKey.Generate();
        await Anvil.SetBalanceAsync(operatorKey.Address, BigInteger.Pow(10, 19));
        await Anvil.SetBalanceAsync(voteKey.Address, BigInteger.Pow(10, 19));
        await Registry.TransferTokensAsync(operatorKey.Address, await Registry.StakeAmountAsync(cancellationToken), cancellationToken);
        var operatorContract = new RegistryContract(Registry.Client.WithSigner(operatorKey), Deployment);
        await operatorContract.StakeAsync(keys, host, port, voteKey.Address, cancellationToken);
        var staked = new StakedNode(keys, voteKey);
        Nodes.Add(staked);
        return staked;
    }

    /// <summary>A vote client signing and submitting as <paramref name="node"/>.</summary>
    public Task<VoteClient> VoterAsync(StakedNode node, CancellationToken cancellationToken) =>
        VoteClient.ConnectAsync(new Uri(Anvil.RpcUrl), Deployment.RegistryAddress, node.VoteKey, cancellationToken);

    /// <summary>Mines up to the first block of the next round, so a test has a whole round before it.</summary>
    public async Task NextRoundAsync(VoteClient client, ulong roundLength, CancellationToken cancellationToken)
    {
        var block = (ulong)await Registry.Client.BlockNumberAsync(cancellationToken);
        await Anvil.MineAsync((int)(roundLength - block % roundLength));
    }

    /// <summary>The staked node of an Ed25519 key.</summary>
    public StakedNode Of(byte[] key) => Nodes.Single(n => n.Keys.PublicKey.Span.SequenceEqual(key));

    public ValueTask DisposeAsync() => Anvil.DisposeAsync();
}
