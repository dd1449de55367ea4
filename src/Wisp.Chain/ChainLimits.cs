namespace Wisp.Chain;

/// <summary>Limits of the chain registry, each with its unit and reason.</summary>
public static class ChainLimits
{
    /// <summary>Blocks one log query covers at most (blocks): public RPC providers refuse wider ranges, and it bounds one reply's size.</summary>
    public const long MaxLogRange = 2_000;

    /// <summary>
    /// Confirmations before a block's events are applied (blocks), by default: reorganisations on proof-of-stake
    /// chains and rollups are one or two blocks deep when they happen at all; a local chain has none.
    /// </summary>
    public const int DefaultConfirmationDepth = 2;

    /// <summary>The deepest confirmation depth accepted (blocks): beyond it new nodes wait too long to be listed.</summary>
    public const int MaxConfirmationDepth = 1_000;

    /// <summary>Dropped events kept for reporting (events): enough to show what went wrong without growing forever.</summary>
    public const int MaxDroppedKept = 100;
}
