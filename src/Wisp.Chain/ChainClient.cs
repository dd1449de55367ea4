using System.Numerics;
using Nethereum.Contracts;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using Wisp.Chain.Keys;

namespace Wisp.Chain;

/// <summary>
/// A connection to an EVM chain's JSON-RPC endpoint, optionally with a key that signs and pays for transactions.
/// Reads need no key. Nethereum does the encoding, nonces, gas estimates and signing; this class turns its failures
/// into <see cref="ChainException"/>s a user can act on.
/// </summary>
public sealed class ChainClient
{
    private ChainClient(string rpcUrl, long chainId, EthereumKey? signer, Web3 web3)
    {
        RpcUrl = rpcUrl;
        ChainId = chainId;
        Signer = signer;
        Web3 = web3;
    }

    /// <summary>The JSON-RPC URL.</summary>
    public string RpcUrl { get; }

    /// <summary>The chain's id (<c>eth_chainId</c>).</summary>
    public long ChainId { get; }

    /// <summary>The key that signs transactions, or null for a read-only client.</summary>
    public EthereumKey? Signer { get; }

    /// <summary>Nethereum's client, for calls this class does not wrap.</summary>
    public Web3 Web3 { get; }

    /// <summary>Connects to <paramref name="rpcUrl"/> and reads the chain id.</summary>
    /// <exception cref="ChainException">No chain answers at the URL.</exception>
    public static async Task<ChainClient> ConnectAsync(string rpcUrl, EthereumKey? signer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rpcUrl);
        if (!Uri.TryCreate(rpcUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ChainException($"'{rpcUrl}' is not a chain URL; give an http(s) JSON-RPC URL such as http://127.0.0.1:8545");
        var probe = new Web3(rpcUrl);
        long chainId;
        try
        {
            chainId = (long)(await probe.Eth.ChainId.SendRequestAsync().WaitAsync(cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (Exception e) when (e is RpcClientUnknownException or RpcClientTimeoutException or HttpRequestException or RpcResponseException)
        {
            throw new ChainException($"no chain answers at {rpcUrl} ({e.GetBaseException().Message}); is the chain (or `wisp up --chain`) running?", e);
        }
        var web3 = signer is null ? probe : new Web3(new Account(signer.PrivateKeyHex, chainId), rpcUrl);
        if (signer is not null)
            web3.TransactionManager.UseLegacyAsDefault = false;
        return new ChainClient(rpcUrl, chainId, signer, web3);
    }

    /// <summary>The same chain, signing with <paramref name="signer"/>.</summary>
    public ChainClient WithSigner(EthereumKey signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return new ChainClient(RpcUrl, ChainId, signer, new Web3(new Account(signer.PrivateKeyHex, ChainId), RpcUrl));
    }

    /// <summary>The newest block number.</summary>
    public async Task<long> BlockNumberAsync(CancellationToken cancellationToken = default) =>
        (long)(await Web3.Eth.Blocks.GetBlockNumber.SendRequestAsync().WaitAsync(cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>An account's ETH balance in wei.</summary>
    public async Task<BigInteger> EthBalanceAsync(string address, CancellationToken cancellationToken = default) =>
        (await Web3.Eth.GetBalance.SendRequestAsync(address).WaitAsync(cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>Sends ETH from the signer to <paramref name="to"/> and waits for it to be mined.</summary>
    public async Task SendEthAsync(string to, BigInteger wei, CancellationToken cancellationToken = default)
    {
        var signer = RequireSigner();
        var input = new TransactionInput { From = signer.Address, To = to, Value = new Nethereum.Hex.HexTypes.HexBigInteger(wei) };
        var receipt = await Web3.TransactionManager.SendTransactionAndWaitForReceiptAsync(input, cancellationToken).ConfigureAwait(false);
        if (receipt.Status?.Value != 1)
            throw new ChainException($"sending ETH to {to} failed (transaction {receipt.TransactionHash})");
    }

    /// <summary>Calls a view function.</summary>
    public async Task<TOutput> QueryAsync<TFunction, TOutput>(string contract, TFunction function, CancellationToken cancellationToken = default)
        where TFunction : FunctionMessage, new()
    {
        try
        {
            return await Web3.Eth.GetContractQueryHandler<TFunction>().QueryAsync<TOutput>(contract, function).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ChainErrors.Describe(e) is { } message)
        {
            throw new ChainException(message, e);
        }
    }

    /// <summary>Calls a view function that returns a struct or several values.</summary>
    public async Task<TOutput> QueryDtoAsync<TFunction, TOutput>(string contract, TFunction function, CancellationToken cancellationToken = default)
        where TFunction : FunctionMessage, new()
        where TOutput : Nethereum.ABI.FunctionEncoding.Attributes.IFunctionOutputDTO, new()
    {
        try
        {
            return await Web3.Eth.GetContractQueryHandler<TFunction>().QueryDeserializingToObjectAsync<TOutput>(function, contract).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ChainErrors.Describe(e) is { } message)
        {
            throw new ChainException(message, e);
        }
    }

    /// <summary>Sends a transaction to <paramref name="contract"/>, waits for it to be mined, and fails clearly if it reverts.</summary>
    /// <exception cref="ChainException">No signer, no ETH for gas, or the contract refused (its reason in words).</exception>
    public async Task<TransactionReceipt> SendAsync<TFunction>(string contract, TFunction function, CancellationToken cancellationToken = default)
        where TFunction : FunctionMessage, new()
    {
        await RequireGasAsync(cancellationToken).ConfigureAwait(false);
        TransactionReceipt receipt;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ChainTimeouts.Receipt);
            receipt = await Web3.Eth.GetContractTransactionHandler<TFunction>().SendRequestAndWaitForReceiptAsync(contract, function, timeout).ConfigureAwait(false);
        }
        catch (Exception e) when (ChainErrors.Describe(e) is { } message)
        {
            throw new ChainException(message, e);
        }
        if (receipt.Status?.Value != 1)
            throw new ChainException($"the transaction {receipt.TransactionHash} to {contract} was reverted");
        return receipt;
    }

    /// <summary>Deploys a contract and returns its receipt (with the new address).</summary>
    public async Task<TransactionReceipt> DeployAsync<TDeployment>(TDeployment deployment, CancellationToken cancellationToken = default)
        where TDeployment : ContractDeploymentMessage, new()
    {
        await RequireGasAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ChainTimeouts.Receipt);
            var receipt = await Web3.Eth.GetContractDeploymentHandler<TDeployment>().SendRequestAndWaitForReceiptAsync(deployment, timeout).ConfigureAwait(false);
            return receipt.Status?.Value == 1 && receipt.ContractAddress is not null
                ? receipt
                : throw new ChainException($"deploying the contract failed (transaction {receipt.TransactionHash})");
        }
        catch (Exception e) when (ChainErrors.Describe(e) is { } message)
        {
            throw new ChainException(message, e);
        }
    }

    private EthereumKey RequireSigner() =>
        Signer ?? throw new InvalidOperationException("This chain client has no signing key; use WithSigner.");

    private async Task RequireGasAsync(CancellationToken cancellationToken)
    {
        var signer = RequireSigner();
        if (await EthBalanceAsync(signer.Address, cancellationToken).ConfigureAwait(false) == 0)
            throw new ChainException($"the account {signer.Address} has no ETH to pay for gas; fund it first");
    }
}
