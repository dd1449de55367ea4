using Wisp.Chain.Deploy;

namespace Wisp.Chain.Registry;

/// <summary>Which registry contract to follow, and how.</summary>
public sealed record EvmRegistryOptions
{
    /// <summary>The chain's JSON-RPC URL.</summary>
    public required string RpcUrl { get; init; }

    /// <summary>The registry contract's address.</summary>
    public required string RegistryAddress { get; init; }

    /// <summary>The first block to read events from: the registry's deployment block (nothing before it concerns it).</summary>
    public long StartBlock { get; init; }

    /// <summary>
    /// How many blocks a block must have on top of it before its events are applied. A reorganisation no deeper than
    /// this changes nothing applied; a deeper one is refused (<see cref="Network.Registry.RegistryErrorKind.HistoryRewritten"/>).
    /// </summary>
    public int ConfirmationDepth { get; init; } = ChainLimits.DefaultConfirmationDepth;

    /// <summary>How often to look for new blocks; <see cref="Timeout.InfiniteTimeSpan"/> to look only when asked.</summary>
    public TimeSpan PollInterval { get; init; } = ChainTimeouts.RegistryPoll;

    /// <summary>Options to follow <paramref name="deployment"/> from its deployment block.</summary>
    public static EvmRegistryOptions For(ChainDeployment deployment, int confirmationDepth = ChainLimits.DefaultConfirmationDepth)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return new EvmRegistryOptions
        {
            RpcUrl = deployment.RpcUrl,
            RegistryAddress = deployment.RegistryAddress,
            StartBlock = deployment.DeployBlock,
            ConfirmationDepth = confirmationDepth,
        };
    }
}
