using System.Numerics;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Wisp.Chain.Contracts;
using Wisp.Chain.Deploy;
using Wisp.Chain.Keys;
using Wisp.Crypto.Keys;

namespace Wisp.Chain.Registry;

/// <summary>
/// The registry contract and its stake token as an operator uses them: stake a node, exit, withdraw, claim rewards,
/// read a node. Transactions are signed by the <see cref="ChainClient"/>'s key (the operator's). Each call checks
/// what it can first (funds, the node's status) and says plainly what is missing.
/// </summary>
public sealed class RegistryContract(ChainClient client, ChainDeployment deployment)
{
    /// <summary>The chain connection.</summary>
    public ChainClient Client { get; } = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>Where the registry is.</summary>
    public ChainDeployment Deployment { get; } = deployment ?? throw new ArgumentNullException(nameof(deployment));

    /// <summary>What a join must stake, in token base units.</summary>
    public Task<BigInteger> StakeAmountAsync(CancellationToken cancellationToken = default) =>
        Client.QueryAsync<StakeAmountFunction, BigInteger>(Deployment.RegistryAddress, new StakeAmountFunction(), cancellationToken);

    /// <summary>An account's stake-token balance, in base units.</summary>
    public Task<BigInteger> TokenBalanceAsync(string address, CancellationToken cancellationToken = default) =>
        Client.QueryAsync<BalanceOfFunction, BigInteger>(Deployment.TokenAddress, new BalanceOfFunction { Account = address }, cancellationToken);

    /// <summary>The node as stored, or null when the registry does not know it.</summary>
    public async Task<ChainNodeInfo?> GetNodeAsync(Ed25519PublicKey node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        var output = await Client.QueryDtoAsync<GetNodeFunction, GetNodeOutput>(
            Deployment.RegistryAddress, new GetNodeFunction { Ed25519Key = node.Span.ToArray() }, cancellationToken).ConfigureAwait(false);
        var n = output.Node;
        return n.Status == 0
            ? null
            : new ChainNodeInfo(node, n.Operator, n.VoteKey, (ChainNodeStatus)n.Status, (long)n.JoinedBlock, (long)n.UnlockBlock, n.Host, n.Port, n.Stake);
    }

    /// <summary>The listed nodes' Ed25519 keys in the contract's order.</summary>
    public async Task<IReadOnlyList<Ed25519PublicKey>> ActiveNodesAsync(CancellationToken cancellationToken = default)
    {
        var keys = await Client.QueryAsync<ActiveNodesFunction, List<byte[]>>(Deployment.RegistryAddress, new ActiveNodesFunction(), cancellationToken).ConfigureAwait(false);
        return [.. keys.Select(k => new Ed25519PublicKey(k))];
    }

    /// <summary>
    /// Stakes <paramref name="node"/> from the operator's account: approves the stake on the token, then joins with
    /// the node's keys, address, vote key and its Ed25519 proof. Returns the join's receipt.
    /// </summary>
    /// <exception cref="ChainException">Already staked, not enough tokens or ETH, or the registry refused.</exception>
    public async Task<TransactionReceipt> StakeAsync(Ed25519KeyPair node, string host, int port, string voteKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        var operatorAddress = RequireOperator();
        if (await GetNodeAsync(node.PublicKey, cancellationToken).ConfigureAwait(false) is { } existing)
            throw new ChainException($"node {node.PublicKey} is already staked ({existing.Status}, by {existing.Operator})");
        var stake = await StakeAmountAsync(cancellationToken).ConfigureAwait(false);
        var balance = await TokenBalanceAsync(operatorAddress, cancellationToken).ConfigureAwait(false);
        if (balance < stake)
            throw new ChainException($"not enough stake tokens: the stake is {Tokens.Format(stake)}, {operatorAddress} holds {Tokens.Format(balance)}");
        await Client.SendAsync(Deployment.TokenAddress, new ApproveFunction { Spender = Deployment.RegistryAddress, Value = stake }, cancellationToken).ConfigureAwait(false);
        var join = new JoinFunction
        {
            Ed25519Key = node.PublicKey.Span.ToArray(),
            X25519Key = node.X25519PublicKey.Span.ToArray(),
            Host = host,
            Port = port,
            VoteKey = voteKey,
            Ed25519Proof = JoinProof.Sign(node, Client.ChainId, Deployment.RegistryAddress, operatorAddress, voteKey),
            Amount = stake,
        };
        return await Client.SendAsync(Deployment.RegistryAddress, join, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves a staked node to a new host and port.</summary>
    public Task<TransactionReceipt> UpdateAddressAsync(Ed25519PublicKey node, string host, int port, CancellationToken cancellationToken = default) =>
        SendForNodeAsync(node, new UpdateAddressFunction { Ed25519Key = node.Span.ToArray(), Host = host, Port = port }, cancellationToken);

    /// <summary>Asks to exit: the node is unlisted at once and its stake unlocks after the unlock delay.</summary>
    public Task<TransactionReceipt> RequestExitAsync(Ed25519PublicKey node, CancellationToken cancellationToken = default) =>
        SendForNodeAsync(node, new RequestExitFunction { Ed25519Key = node.Span.ToArray() }, cancellationToken);

    /// <summary>After the unlock delay: the stake and unpaid rewards back to the operator; the registry forgets the node.</summary>
    public Task<TransactionReceipt> WithdrawAsync(Ed25519PublicKey node, CancellationToken cancellationToken = default) =>
        SendForNodeAsync(node, new WithdrawFunction { Ed25519Key = node.Span.ToArray() }, cancellationToken);

    /// <summary>The node's unpaid rewards now, in token base units.</summary>
    public Task<BigInteger> PendingRewardsAsync(Ed25519PublicKey node, CancellationToken cancellationToken = default) =>
        Client.QueryAsync<PendingRewardsFunction, BigInteger>(Deployment.RegistryAddress, new PendingRewardsFunction { Ed25519Key = node.Span.ToArray() }, cancellationToken);

    /// <summary>Pays the node's rewards to its operator; returns the amount paid.</summary>
    public async Task<BigInteger> ClaimRewardsAsync(Ed25519PublicKey node, CancellationToken cancellationToken = default)
    {
        var receipt = await SendForNodeAsync(node, new ClaimRewardsFunction { Ed25519Key = node.Span.ToArray() }, cancellationToken).ConfigureAwait(false);
        var claimed = receipt.DecodeAllEvents<RewardsClaimedEvent>();
        return claimed.Count == 0 ? BigInteger.Zero : claimed[0].Event.Amount;
    }

    /// <summary>Sends <paramref name="amount"/> stake tokens from the signer to <paramref name="to"/> (funding an operator).</summary>
    public Task<TransactionReceipt> TransferTokensAsync(string to, BigInteger amount, CancellationToken cancellationToken = default) =>
        Client.SendAsync(Deployment.TokenAddress, new TransferFunction { To = to, Value = amount }, cancellationToken);

    private async Task<TransactionReceipt> SendForNodeAsync<TFunction>(Ed25519PublicKey node, TFunction function, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        ArgumentNullException.ThrowIfNull(node);
        var operatorAddress = RequireOperator();
        var info = await GetNodeAsync(node, cancellationToken).ConfigureAwait(false)
            ?? throw new ChainException($"node {node} is not staked in the registry {Deployment.RegistryAddress}");
        if (!string.Equals(info.Operator, operatorAddress, StringComparison.OrdinalIgnoreCase))
            throw new ChainException($"node {node} was staked by {info.Operator}, not by this operator key ({operatorAddress})");
        return await Client.SendAsync(Deployment.RegistryAddress, function, cancellationToken).ConfigureAwait(false);
    }

    private string RequireOperator() =>
        Client.Signer?.Address ?? throw new InvalidOperationException("Operator calls need a ChainClient with the operator's key.");
}
