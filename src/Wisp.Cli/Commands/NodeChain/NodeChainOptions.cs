using System.CommandLine;
using Wisp.Chain;
using Wisp.Chain.Deploy;
using Wisp.Chain.Keys;
using Wisp.Chain.Registry;
using Wisp.Crypto.Keys;
using Wisp.Node.Hosting;

namespace Wisp.Cli.Commands.NodeChain;

/// <summary>
/// The options every chain verb of <c>wisp node</c> shares: the node's data folder (its Ed25519 key, and its
/// operator and vote keys beside it), and which chain and registry: <c>--chain-url</c> with
/// <c>--registry-address</c>, or <c>--chain-file</c> (the <c>chain.json</c> that <c>wisp up --chain</c> writes).
/// </summary>
internal sealed class NodeChainOptions
{
    public Option<string> Data { get; } = new("--data") { Description = "The node's data directory (its Ed25519 key; operator.key and vote.key are kept beside it).", Required = true };

    public Option<string?> ChainUrl { get; } = new("--chain-url") { Description = "The chain's JSON-RPC URL, e.g. http://127.0.0.1:8545 (with --registry-address)." };

    public Option<string?> RegistryAddress { get; } = new("--registry-address") { Description = "The Wisp registry contract's address, 0x + 40 hex digits (with --chain-url)." };

    public Option<string?> ChainFile { get; } = new("--chain-file") { Description = "A chain.json naming the chain and registry (wisp up --chain writes one in the network folder)." };

    public Option<string?> OperatorKey { get; } = new("--operator-key") { Description = "The operator's secp256k1 key file (64 hex digits) that pays and owns the stake; default <data>/operator.key." };

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(ChainUrl);
        command.Options.Add(RegistryAddress);
        command.Options.Add(ChainFile);
        command.Options.Add(OperatorKey);
    }

    /// <summary>Where the chain and registry are, from the options.</summary>
    /// <exception cref="ChainException">Neither way of naming a chain was given, or the chain does not answer.</exception>
    public async Task<ChainDeployment> DeploymentAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (parse.GetValue(ChainFile) is { Length: > 0 } file)
            return await ChainDeployment.LoadAsync(file, cancellationToken);
        var url = parse.GetValue(ChainUrl);
        var address = parse.GetValue(RegistryAddress);
        if (string.IsNullOrWhiteSpace(url) || string.IsNullOrWhiteSpace(address))
            throw new ChainException("no chain given: pass --chain-url and --registry-address, or --chain-file NETWORK/chain.json (written by `wisp up --chain`)");
        if (!IsAddress(address))
            throw new ChainException($"--registry-address: '{address}' is not an address (0x + 40 hex digits)");
        var client = await ChainClient.ConnectAsync(url, null, cancellationToken);
        return new ChainDeployment(url, client.ChainId, address, "", 0);
    }

    /// <summary>The node's keys, the operator's contract handle (signing with the operator key), and the deployment.</summary>
    public async Task<(Ed25519KeyPair Node, RegistryContract Registry)> OpenAsync(ParseResult parse, bool createOperatorKey, CancellationToken cancellationToken)
    {
        var data = parse.GetValue(Data)!;
        if (!NodeKeyStore.TryLoad(data, out var node, out var problem))
            throw new ChainException(problem);
        try
        {
            var operatorPath = parse.GetValue(OperatorKey) ?? Path.Combine(data, EthereumKeyFile.OperatorFileName);
            var operatorKey = createOperatorKey
                ? await EthereumKeyFile.ReadOrCreateAsync(operatorPath, cancellationToken)
                : await EthereumKeyFile.ReadAsync(operatorPath, cancellationToken);
            var deployment = await DeploymentAsync(parse, cancellationToken);
            var client = await ChainClient.ConnectAsync(deployment.RpcUrl, operatorKey, cancellationToken);
            if (deployment.TokenAddress.Length == 0)
            {
                var token = await client.QueryAsync<Chain.Contracts.TokenFunction, string>(deployment.RegistryAddress, new Chain.Contracts.TokenFunction(), cancellationToken);
                deployment = deployment with { TokenAddress = token };
            }
            return (node, new RegistryContract(client, deployment));
        }
        catch
        {
            node.Dispose();
            throw;
        }
    }

    private static bool IsAddress(string text) =>
        text.Length == 42 && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && text[2..].All(char.IsAsciiHexDigit);
}
