using System.CommandLine;
using Wisp.Chain;
using Wisp.Chain.Registry;

namespace Wisp.Cli.Commands.NodeChain;

/// <summary>
/// <c>wisp node run</c>'s options for serving in a staked registry on a chain instead of a registry file:
/// <c>--chain-url</c>, <c>--registry-address</c>, <c>--chain-start-block</c>, <c>--confirmations</c>.
/// </summary>
internal sealed class NodeRunChainOptions
{
    public Option<string?> ChainUrl { get; } = new("--chain-url")
    {
        Description = "Serve in the staked registry on this chain (JSON-RPC URL, with --registry-address) instead of a registry file.",
    };

    public Option<string?> RegistryAddress { get; } = new("--registry-address") { Description = "The registry contract's address (with --chain-url)." };

    public Option<long> StartBlock { get; } = new("--chain-start-block")
    {
        Description = "The block the registry was deployed in: its events are read from there (default 0).",
    };

    public Option<int> Confirmations { get; } = new("--confirmations")
    {
        Description = $"Blocks on top of a block before its registry events count (default {ChainLimits.DefaultConfirmationDepth}): a chain reorganisation no deeper changes nothing.",
        DefaultValueFactory = _ => ChainLimits.DefaultConfirmationDepth,
    };

    public IEnumerable<Option> All => [ChainUrl, RegistryAddress, StartBlock, Confirmations];

    /// <summary>The chain registry to serve in, or null when no --chain-url was given.</summary>
    /// <exception cref="ChainException">The options are incomplete or the chain cannot be read.</exception>
    public async Task<EvmRegistry?> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var url = parse.GetValue(ChainUrl);
        var address = parse.GetValue(RegistryAddress);
        if (string.IsNullOrWhiteSpace(url) && string.IsNullOrWhiteSpace(address))
            return null;
        if (string.IsNullOrWhiteSpace(url) || string.IsNullOrWhiteSpace(address))
            throw new ChainException("--chain-url and --registry-address go together: give both to serve in a chain's registry");
        var depth = parse.GetValue(Confirmations);
        if (depth is < 0 or > ChainLimits.MaxConfirmationDepth)
            throw new ChainException($"--confirmations: give 0 to {ChainLimits.MaxConfirmationDepth} blocks; got {depth}");
        return await EvmRegistry.OpenAsync(new EvmRegistryOptions
        {
            RpcUrl = url,
            RegistryAddress = address,
            StartBlock = parse.GetValue(StartBlock),
            ConfirmationDepth = depth,
        }, TimeProvider.System, cancellationToken);
    }
}
