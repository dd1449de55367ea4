using System.Numerics;

namespace Wisp.Chain.Deploy;

/// <summary>The registry contract's constructor parameters (see the contract's docs for what each rules).</summary>
/// <param name="StakeAmount">What a join stakes, in token base units.</param>
/// <param name="UnlockDelay">Blocks from an exit request (or a deregistration) until the stake may be withdrawn.</param>
/// <param name="RoundLength">Blocks per vote round, 1–256.</param>
/// <param name="RewardPerBlock">Tokens (base units) shared each block among the active nodes.</param>
/// <param name="InitialSupply">Tokens (base units) minted to the deployer, who funds operators from them.</param>
public sealed record RegistryParameters(BigInteger StakeAmount, ulong UnlockDelay, ulong RoundLength, BigInteger RewardPerBlock, BigInteger InitialSupply)
{
    /// <summary>
    /// For a local network (<c>wisp up --chain</c>, tests): 1,000 WISP stake, 30-block unlock, 10-block rounds,
    /// 1 WISP a block, 1,000,000 WISP minted to the deployer.
    /// </summary>
    public static RegistryParameters Local { get; } =
        new(Tokens.FromWhole(1_000), 30, 10, Tokens.FromWhole(1), Tokens.FromWhole(1_000_000));

    /// <summary>Production-like: 1,000 WISP stake, 7,200-block unlock (a day at 12 s), 100-block rounds, 1 WISP a block.</summary>
    public static RegistryParameters Production { get; } =
        new(Tokens.FromWhole(1_000), 7_200, 100, Tokens.FromWhole(1), Tokens.FromWhole(1_000_000));
}
