using System.Numerics;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using Wisp.Chain.Contracts;
using Wisp.Chain.Keys;

namespace Wisp.Chain.Votes;

/// <summary>A quorum as the registry holds it: members (Ed25519 keys, seat order), their vote key addresses, and the signatures a vote needs.</summary>
public sealed record ChainQuorum(ulong Round, IReadOnlyList<byte[]> Members, IReadOnlyList<string> VoteKeys, int Required);

/// <summary>A node the registry holds as decommissioned, and the round of its decommission.</summary>
public sealed record DecommissionedNode(byte[] Key, ulong SinceRound);

/// <summary>What became of a vote transaction: applied (with its hash), or the registry's refusal by name.</summary>
public sealed record VoteResult(bool Applied, string Detail);

/// <summary>
/// A node's voting connection to the registry contract: reads rounds, quorums, the active list and decommissioned
/// nodes; signs votes with the node's vote key (<see cref="VoteSignature"/>); submits <c>vote(action, target, round, signatures)</c>
/// from the vote key's address (which needs gas money). Refusals come back by the contract's error name.
/// </summary>
public sealed class VoteClient
{
    private readonly Web3 _web3;
    private readonly EthereumKey _key;

    private VoteClient(Web3 web3, string registry, EthereumKey key, BigInteger chainId)
    {
        _web3 = web3;
        Registry = registry;
        _key = key;
        ChainId = chainId;
    }

    /// <summary>The registry contract's address.</summary>
    public string Registry { get; }

    /// <summary>The chain's id (part of every vote digest).</summary>
    public BigInteger ChainId { get; }

    /// <summary>This node's vote key address.</summary>
    public string VoteAddress => _key.Address;

    /// <summary>Connects to the chain at <paramref name="rpcUrl"/> and reads its id.</summary>
    public static async Task<VoteClient> ConnectAsync(Uri rpcUrl, string registry, EthereumKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rpcUrl);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(key);
        var probe = new Web3(rpcUrl.ToString());
        var chainId = (await probe.Eth.ChainId.SendRequestAsync().WaitAsync(cancellationToken).ConfigureAwait(false)).Value;
        var web3 = new Web3(new Account(key.PrivateKeyHex, chainId), rpcUrl.ToString());
        web3.TransactionManager.UseLegacyAsDefault = false;
        return new VoteClient(web3, registry, key, chainId);
    }

    /// <summary>The digest of a vote on this registry (<see cref="VoteDigest"/>).</summary>
    public byte[] Digest(byte action, ReadOnlySpan<byte> target, ulong round) => VoteDigest.Of(ChainId, Registry, action, target, round);

    /// <summary>This node's signature of a vote.</summary>
    public byte[] Sign(byte action, ReadOnlySpan<byte> target, ulong round) => VoteSignature.Sign(_key, Digest(action, target, round));

    /// <summary>The current round.</summary>
    public Task<ulong> CurrentRoundAsync(CancellationToken cancellationToken) =>
        Query<CurrentRoundFunction, ulong>(new CurrentRoundFunction(), cancellationToken);

    /// <summary>The round length in blocks.</summary>
    public Task<ulong> RoundLengthAsync(CancellationToken cancellationToken) =>
        Query<RoundLengthFunction, ulong>(new RoundLengthFunction(), cancellationToken);

    /// <summary>The active list (Ed25519 keys) in contract order.</summary>
    public async Task<IReadOnlyList<byte[]>> ActiveNodesAsync(CancellationToken cancellationToken) =>
        await Query<ActiveNodesFunction, List<byte[]>>(new ActiveNodesFunction(), cancellationToken).ConfigureAwait(false);

    /// <summary>The seed of <paramref name="round"/>: the hash of the last block of the round before (zero for round 0).</summary>
    public async Task<byte[]> SeedAsync(ulong round, ulong roundLength, CancellationToken cancellationToken)
    {
        if (round == 0)
            return new byte[32];
        var block = await _web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber
            .SendRequestAsync(new BlockParameter(new HexBigInteger(new BigInteger(round * roundLength - 1)))).WaitAsync(cancellationToken).ConfigureAwait(false);
        return Convert.FromHexString(block.BlockHash.AsSpan(2));
    }

    /// <summary>The quorum of the current <paramref name="round"/> with each member's vote key (the registry refuses other rounds).</summary>
    public async Task<ChainQuorum> QuorumAsync(ulong round, CancellationToken cancellationToken)
    {
        var output = await _web3.Eth.GetContractQueryHandler<QuorumOfFunction>()
            .QueryDeserializingToObjectAsync<QuorumOfOutput>(new QuorumOfFunction { Round = round }, Registry).WaitAsync(cancellationToken).ConfigureAwait(false);
        var voteKeys = new List<string>(output.Members.Count);
        foreach (var member in output.Members)
            voteKeys.Add((await NodeAsync(member, cancellationToken).ConfigureAwait(false)).VoteKey);
        return new ChainQuorum(round, output.Members, voteKeys, (int)output.Required);
    }

    /// <summary>Nodes now decommissioned, each with the round of its latest decommission.</summary>
    public async Task<IReadOnlyList<DecommissionedNode>> DecommissionedAsync(CancellationToken cancellationToken)
    {
        var handler = _web3.Eth.GetEvent<NodeDecommissionedEvent>(Registry);
        var logs = await handler.GetAllChangesAsync(handler.CreateFilterInput(BlockParameter.CreateEarliest(), BlockParameter.CreateLatest()))
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        var latest = new Dictionary<string, DecommissionedNode>(StringComparer.Ordinal);
        foreach (var log in logs)
            latest[Convert.ToHexStringLower(log.Event.Ed25519Key)] = new DecommissionedNode(log.Event.Ed25519Key, log.Event.Round);
        var still = new List<DecommissionedNode>();
        foreach (var node in latest.Values)
            if ((await NodeAsync(node.Key, cancellationToken).ConfigureAwait(false)).Status == 2)
                still.Add(node);
        return still;
    }

    /// <summary>The registry's digest of a vote, read from the contract (to check <see cref="Digest"/> against it).</summary>
    public async Task<byte[]> ContractDigestAsync(byte action, byte[] target, ulong round, CancellationToken cancellationToken) =>
        await Query<VoteDigestFunction, byte[]>(new VoteDigestFunction { Action = action, Target = target, Round = round }, cancellationToken).ConfigureAwait(false);

    /// <summary>Submits a vote and waits for its receipt; a refusal (by estimate or revert) comes back by name, not as an exception.</summary>
    public async Task<VoteResult> SubmitAsync(byte action, byte[] target, ulong round, IReadOnlyList<byte[]> signatures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        var message = new VoteFunction { Action = action, Target = target, Round = round, Signatures = [.. signatures] };
        try
        {
            var receipt = await _web3.Eth.GetContractTransactionHandler<VoteFunction>()
                .SendRequestAndWaitForReceiptAsync(Registry, message, cancellationToken).ConfigureAwait(false);
            return receipt.Succeeded() ? new VoteResult(true, receipt.TransactionHash) : new VoteResult(false, $"reverted in {receipt.TransactionHash}");
        }
        catch (SmartContractCustomErrorRevertException revert)
        {
            return new VoteResult(false, VoteRefusals.Name(revert.ExceptionEncodedData));
        }
        catch (SmartContractRevertException revert)
        {
            return new VoteResult(false, revert.RevertMessage);
        }
        catch (RpcResponseException rpc)
        {
            return new VoteResult(false, VoteRefusals.Name(rpc.RpcError?.Data?.ToString()) is { } name && name.Length > 0 ? name : rpc.Message);
        }
    }

    private async Task<NodeStruct> NodeAsync(byte[] key, CancellationToken cancellationToken) =>
        (await _web3.Eth.GetContractQueryHandler<GetNodeFunction>()
            .QueryDeserializingToObjectAsync<GetNodeOutput>(new GetNodeFunction { Ed25519Key = key }, Registry).WaitAsync(cancellationToken).ConfigureAwait(false)).Node;

    private Task<TOut> Query<TFunction, TOut>(TFunction function, CancellationToken cancellationToken) where TFunction : FunctionMessage, new() =>
        _web3.Eth.GetContractQueryHandler<TFunction>().QueryAsync<TOut>(Registry, function).WaitAsync(cancellationToken);
}
